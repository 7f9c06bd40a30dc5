namespace FinOps.Bot.Hosting;

/// <summary>Whether start-up work (migrations, demo seeding) has finished or failed; read by <c>/readyz</c> and by <c>serve</c>'s exit code.</summary>
public sealed class StartupState
{
    private volatile string _detail = "migrating the cost store";
    private volatile string? _failure;
    private volatile bool _ready;

    public bool IsReady => _ready;

    public string Detail => _detail;

    /// <summary>One line saying why start-up failed (see <see cref="StartupFailure"/>); null while it has not.</summary>
    public string? Failure => _failure;

    public void Report(string detail) => _detail = detail;

    public void MarkReady()
    {
        _detail = "ready";
        _ready = true;
    }

    public void MarkFailed(string failure)
    {
        _failure = failure;
        _detail = "start-up failed: " + failure;
    }
}
