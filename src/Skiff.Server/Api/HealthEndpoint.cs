using Skiff.Core.Api;
using Skiff.Server.Runtime;

namespace Skiff.Server.Api;

/// <summary><c>/healthz</c>: 200 while the server runs, with whether the engine answers.</summary>
public static class HealthEndpoint
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (EngineStatus engine, CancellationToken cancellationToken) =>
        {
            var problem = await engine.ProblemAsync(cancellationToken);
            var name = engine.Info is { } info ? $"{info.Product} {info.Version}" : "unknown";
            return Results.Json(problem is null
                ? new { status = "ok", engine = name }
                : new { status = "degraded", engine = problem }, SkiffJson.Options);
        });
}
