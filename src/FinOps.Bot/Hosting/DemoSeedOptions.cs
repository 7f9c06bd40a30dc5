namespace FinOps.Bot.Hosting;

/// <summary>Demo data seeding of an empty store (configuration section <c>Demo</c>).</summary>
public sealed class DemoSeedOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo company's data when the store has never imported anything. Turn off for real data.</summary>
    public bool SeedOnFirstRun { get; set; } = true;

    /// <summary>Approximate rows of demo data to seed (13 months ending yesterday).</summary>
    public int Rows { get; set; } = 200_000;
}
