using Skiff.Server.Configuration;
using Skiff.Server.GitHub;

namespace Skiff.Server.Janitor;

public static class JanitorRegistration
{
    /// <summary>The janitor, its scheduled service and what it needs beyond the server's own services.</summary>
    public static IServiceCollection AddSkiffJanitor(this IServiceCollection services, SkiffServerOptions options)
    {
        services.AddSingleton(JanitorOptions.From(options.Janitor));
        services.AddSingleton<JanitorStore>();
        services.AddSingleton<PullRequestStateReader>();
        services.AddSingleton<JanitorSurvey>();
        services.AddSingleton<EnvironmentJanitor>();
        services.AddSingleton<IJanitor>(provider => provider.GetRequiredService<EnvironmentJanitor>());
        services.AddHostedService<JanitorService>();
        return services;
    }
}
