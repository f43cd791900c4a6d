using Skiff.Server.Store;

namespace Skiff.Server.Costs;

/// <summary>Registers the cost meter: sampler, store, reports and the gauges behind <c>/metrics</c>.</summary>
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
}
