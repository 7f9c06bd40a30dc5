namespace FinOps.Bot.Playground;

/// <summary>The local playground (configuration section <c>Playground</c>).</summary>
public sealed class PlaygroundOptions
{
    public const string SectionName = "Playground";

    /// <summary>
    /// Serve the playground (to this machine only). Not set: on in the Development environment only (what
    /// <c>dotnet run</c> uses); false wins over the environment.
    /// </summary>
    public bool? Enabled { get; set; }
}
