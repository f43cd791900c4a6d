using Prometheus;

namespace Skiff.Server.Api;

/// <summary>
/// Every endpoint of the control host, mapped in one place: the REST API, the GitHub webhook,
/// <c>/metrics</c>, <c>/healthz</c> and the root. A new endpoint is one line here (and its policy).
/// </summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this WebApplication app)
    {
        app.MapEnvironmentEndpoints();
        app.MapGitHubWebhookEndpoint();
        app.MapCostEndpoints();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<Costs.CostMetrics>().Registry);
        app.MapHealthEndpoint();
        app.MapJanitorEndpoint();
        app.MapGet("/", () => Results.Text("Skiff is running. API: /api/v1/environments\n"));
    }
}
