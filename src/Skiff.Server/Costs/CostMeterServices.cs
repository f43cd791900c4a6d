using Prometheus;
using Skiff.Server.Api;
using Skiff.Server.Store;

namespace Skiff.Server.Costs;

/// <summary>Registers the cost meter (sampler, store, reports, <c>/metrics</c>) and maps its endpoints.</summary>
public static class CostMeterServices
{
    public static IServiceCollection AddSkiffCostMeter(this IServiceCollection services, CostMeterOptions? options = null)
    {
        services.AddSingleton(options ?? new CostMeterOptions());
        services.AddSingleton<UsageStore>();
        services.AddSingleton<UsageSampler>();
        services.AddSingleton<CostReports>();
        services.AddSingleton<CostMetrics>();
        services.AddHostedService<CostMeter>();
        return services;
    }

    /// <summary><c>GET /api/v1/cost</c> and <c>GET /metrics</c>.</summary>
    public static void MapCostMeter(this WebApplication app)
    {
        app.MapCostEndpoints();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CostMetrics>().Registry);
    }
}
