using Skiff.Core.Api;
using Skiff.Server.Costs;

namespace Skiff.Server.Api;

/// <summary><c>GET /api/v1/cost?by=env|repo|author&amp;since=DATE|DURATION</c>: usage and cost per group from the meter's samples.</summary>
public static class CostEndpoints
{
    public static void MapCostEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/cost", async (string? by, string? since, CostReports reports, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (CostQuery.Parse(by, since, time.GetUtcNow(), out var error) is not { } query)
                return EnvironmentEndpoints.BadRequest(error!);
            return Results.Json(await reports.ReportAsync(query, cancellationToken), SkiffJson.Options);
        });
}
