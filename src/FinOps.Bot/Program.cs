using FinOps.Bot.Cli;

return await BotCommandLine.InvokeAsync(args);

/// <summary>Entry point, public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
