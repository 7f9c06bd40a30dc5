using System.Text.Json;
using FinOps.Bot.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FinOps.Bot.Endpoints;

/// <summary>
/// <c>/healthz</c> answers while the process lives; <c>/readyz</c> runs the readiness checks (<see cref="HealthCheckServices"/>):
/// 200 when healthy or degraded, 503 while starting or when a check fails, with each check's status and description.
/// </summary>
public static class HealthEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new { status = "live" }, Json),
        });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthCheckServices.ReadyTag),
            ResponseWriter = WriteReadinessAsync,
        });
        return endpoints;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        var startup = context.RequestServices.GetRequiredService<StartupState>();
        var status = report.Status switch
        {
            _ when startup.Failure is not null => "failed",
            _ when !startup.IsReady => "starting",
            HealthStatus.Healthy => "ready",
            HealthStatus.Degraded => "degraded",
            _ => "unhealthy",
        };
        return context.Response.WriteAsJsonAsync(
            new
            {
                status,
                detail = startup.IsReady ? null : startup.Detail,
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description, data = e.Value.Data }),
            },
            Json);
    }
}
