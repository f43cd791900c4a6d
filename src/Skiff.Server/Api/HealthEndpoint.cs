using Skiff.Core.Api;
using Skiff.Server.Runtime;
using Skiff.Core.Environments;

namespace Skiff.Server.Api;

/// <summary><c>/healthz</c>: 200 while the server runs, with its runtime and whether what runs underneath answers.</summary>
public static class HealthEndpoint
{
    public static void MapHealthEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (EngineStatus engine, Core.Environments.IEnvironmentRuntime runtime, CancellationToken cancellationToken) =>
        {
            var problem = await engine.ProblemAsync(cancellationToken);
            var name = engine.Info?.Product ?? "unknown";
            return Results.Json(problem is null
                ? new { status = "ok", runtime = runtime.Name, engine = name }
                : new { status = "degraded", runtime = runtime.Name, engine = problem }, SkiffJson.Options);
        });
}
