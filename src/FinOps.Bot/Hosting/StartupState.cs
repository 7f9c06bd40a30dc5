namespace FinOps.Bot.Hosting;

/// <summary>Whether start-up work (migrations, demo seeding) has finished; read by <c>/readyz</c>.</summary>
public sealed class StartupState
{
    private volatile string _detail = "migrating the cost store";
    private volatile bool _ready;

    public bool IsReady => _ready;

    public string Detail => _detail;

    public void Report(string detail) => _detail = detail;

    public void MarkReady()
    {
        _detail = "ready";
        _ready = true;
    }
}
