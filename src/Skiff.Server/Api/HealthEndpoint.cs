using Skiff.Core.Api;
using Skiff.Runtime.Docker;

namespace Skiff.Server.Api;

/// <summary><c>/healthz</c>: 200 while the server runs, with whether the engine answers.</summary>
public static class HealthEndpoint
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (DockerDriverOptions driver, CancellationToken cancellationToken) =>
        {
            try
            {
                var engine = await EngineConnection.VerifyAsync(driver.Endpoint, TimeSpan.FromSeconds(2), cancellationToken);
                return Results.Json(new { status = "ok", engine = $"{engine.Product} {engine.Version}" }, SkiffJson.Options);
            }
            catch (Skiff.Core.Runtime.DriverException exception)
            {
                return Results.Json(new { status = "degraded", engine = exception.Message }, SkiffJson.Options);
            }
        });
}
