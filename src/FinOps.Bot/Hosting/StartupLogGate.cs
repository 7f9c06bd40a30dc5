namespace FinOps.Bot.Hosting;

/// <summary>
/// Until the host has started, drops the hosting and Kestrel error logs that repeat a start-up failure with its stack
/// trace: the command line reports that failure as one line (<see cref="StartupFailure"/>). Once started, they pass.
/// </summary>
public sealed class StartupLogGate
{
    private static readonly string[] Categories = ["Microsoft.Extensions.Hosting.Internal.Host", "Microsoft.AspNetCore.Server.Kestrel"];

    private volatile bool _started;

    public void Open() => _started = true;

    public void Apply(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var category in Categories)
        {
            logging.AddFilter(category, level => level >= LogLevel.Warning && (_started || level < LogLevel.Error));
        }
    }
}
