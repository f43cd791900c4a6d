using Skiff.Core.Api;
using Skiff.Server.Api;
using Skiff.Server.Janitor;

namespace Skiff.Server.Api;

/// <summary><c>POST /api/v1/janitor?dryRun=true|false</c>: runs a pass now and returns what it did (or would do).</summary>
public static class JanitorEndpoint
{
    public static void MapJanitorEndpoint(this IEndpointRouteBuilder app) => app.MapPost("/api/v1/janitor", RunAsync);

    private static async Task<IResult> RunAsync(HttpRequest request, IJanitor janitor, JanitorOptions options, CancellationToken cancellationToken)
    {
        var dryRun = options.DryRun;
        if (request.Query.TryGetValue("dryRun", out var values))
        {
            if (!bool.TryParse(values.ToString(), out dryRun))
                return EnvironmentEndpoints.BadRequest($"dryRun must be true or false, got '{values}'");
        }
        var report = await janitor.RunAsync(dryRun, cancellationToken);
        return Results.Json(report, SkiffJson.Options);
    }
}
