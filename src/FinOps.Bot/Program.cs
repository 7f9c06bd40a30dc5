var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "live" }));
app.Run();

/// <summary>Entry point, public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
