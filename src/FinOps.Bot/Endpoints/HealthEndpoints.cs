using FinOps.Bot.Hosting;

namespace FinOps.Bot.Endpoints;

/// <summary><c>/healthz</c> answers while the process lives; <c>/readyz</c> once the store is migrated and seeded.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Ok(new { status = "live" }));
        endpoints.MapGet("/readyz", (StartupState state) => state.IsReady
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "starting", detail = state.Detail }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
