using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Skiff.Core.Deploy;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker;
using Skiff.Server.Activity;
using Skiff.Server.Api;
using Skiff.Server.Costs;
using Skiff.Server.GitHub;
using Skiff.Server.Janitor;
using Skiff.Server.Lifecycle;
using Skiff.Server.Sources;
using Skiff.Server.Webhooks;
using Skiff.Server.Reconciliation;
using Skiff.Server.Routing;
using Skiff.Server.Store;
using Skiff.Server.Configuration;
using Skiff.Server.Runtime;
using Skiff.Server.Serving;

namespace Skiff.Server.Hosting;

/// <summary>
/// Builds and starts <c>skiff serve</c>: one ASP.NET Core host on one address serving the REST
/// API, <c>/healthz</c>, and environment traffic routed by Host header through YARP.
/// </summary>
public static class SkiffServer
{
    /// <param name="quiet">Log warnings and errors only (benchmarks).</param>
    public static WebApplication Build(SkiffServerOptions options, Action<IServiceCollection>? configure = null, bool quiet = false)
    {
        Directory.CreateDirectory(options.Home);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.Home });
        builder.WebHost.UseUrls(options.Listen);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<IValidateOptions<SkiffServerOptions>, SkiffServerOptionsValidator>();
        services.AddSingleton<IOptionsFactory<SkiffServerOptions>>(provider =>
            new GivenOptionsFactory<SkiffServerOptions>(options, provider.GetServices<IValidateOptions<SkiffServerOptions>>()));
        services.AddOptions<SkiffServerOptions>().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<SkiffDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(options.Home, "skiff.db")}").AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<EnvironmentStore>();
        services.AddSingleton<PullRequestRecorder>();
        services.AddSingleton<Environments.DesiredStateWriter>();
        services.AddSingleton<EnvironmentBoard>();
        services.AddSingleton(new ServerUrls(options.BaseDomain));
        services.AddSingleton<EnvironmentRoutes>();
        services.AddSingleton(new RoutingOptions());
        services.AddSingleton<InFlightRequests>();
        services.AddSingleton<IRouteDrain, RouteDrain>();
        services.AddSingleton<EnvironmentDtos>();
        services.AddSkiffRuntime(options);
        services.AddSkiffCostMeter();
        services.AddSingleton(new GitSourceOptions { Home = options.Home });
        services.AddSingleton<IGitSource, GitSource>();
        services.AddSingleton<Budgets.BudgetGuard>();
        services.AddSingleton(new GitHubReporterOptions());
        services.AddSingleton<GitHubPullRequestReporter>();
        services.AddSingleton<IPullRequestReporter>(provider => provider.GetRequiredService<GitHubPullRequestReporter>());
        services.AddHostedService(provider => provider.GetRequiredService<GitHubPullRequestReporter>());
        services.AddSingleton<IGitHubAccessProvider, GitHubAccessProvider>();
        services.AddSingleton<PullRequestFeedbackSink>();
        services.AddSingleton<PullRequestWebhookHandler>();
        services.AddSingleton<ActivityTracker>();
        services.AddHostedService<ActivityFlusher>();
        services.AddSingleton<WakeCoordinator>();
        services.AddSingleton<WakeForwarder>();
        services.AddSingleton<LifecyclePass>();
        services.AddHostedService<LifecycleEnforcer>();
        services.AddHostedService<FeedbackFailureRecorder>();
        // After the reporter: hosted services stop in reverse order, so the reconciler stops first and its last reports are still delivered.
        services.AddSkiffReconciler();
        services.AddSkiffJanitor(options);
        services.AddReverseProxy().LoadFromMemory([], []);
        configure?.Invoke(services);

        var app = builder.Build();
        app.UseMiddleware<EnvironmentHostGate>();
        app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            // Route ids are "<env>/<service>": every forwarded request counts as activity.
            var feature = context.GetReverseProxyFeature();
            if (feature.Route.Config.RouteId is { } route && route.IndexOf('/') is > 0 and var slash)
                context.RequestServices.GetRequiredService<ActivityTracker>().Touch(route[..slash]);
            // Counted until answered, so a replaced container is removed only once its requests are done.
            if (feature.AvailableDestinations is [var destination])
            {
                using var lease = context.RequestServices.GetRequiredService<InFlightRequests>().Begin(destination.Model.Config.Address);
                await next();
                return;
            }
            await next();
        }));
        app.MapControlEndpoints();
        return app;
    }

    /// <summary>Prepares the store and the router from what was stored, then starts listening. Returns the bound address.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // Before the store or the engine is touched: the options must be ones the server can honour.
        _ = app.Services.GetRequiredService<IOptions<SkiffServerOptions>>().Value;
        var store = app.Services.GetRequiredService<EnvironmentStore>();
        await store.InitializeAsync(cancellationToken);
        await store.CloseInterruptedDeploymentsAsync(cancellationToken);
        await RestoreBoardAsync(app.Services, store, cancellationToken);
        await app.Services.GetRequiredService<EngineStatus>().IdentifyAsync(cancellationToken);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server did not report the address it listens on");
        var bound = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        app.Services.GetRequiredService<ServerUrls>().Bind(bound);
        app.Logger.LogInformation("Skiff listening on {Address}; environments at http://<name>.{BaseDomain}:{Port}/", bound, app.Services.GetRequiredService<SkiffServerOptions>().BaseDomain, bound.Port);
        return bound;
    }

    /// <summary>Routes come back at once after a restart: from the stored services, before the reconciler re-checks them.</summary>
    private static async Task RestoreBoardAsync(IServiceProvider services, EnvironmentStore store, CancellationToken cancellationToken)
    {
        var board = services.GetRequiredService<EnvironmentBoard>();
        foreach (var record in await store.ListAsync(cancellationToken))
        {
            var serving = EnvironmentStore.ReadServices(record).Where(s => s.ContainerId is not null && s.Status is ServiceStatus.Ready or ServiceStatus.Unchanged);
            board.SetServing(record.Name, record.PublicService, serving);
        }
        services.GetRequiredService<EnvironmentRoutes>().Start();
    }
}
