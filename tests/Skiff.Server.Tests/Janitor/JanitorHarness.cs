using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Skiff.Core.Naming;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Server.Janitor;
using Skiff.Server.Reconciliation;
using Skiff.Server.Runtime;
using Skiff.Server.Store;
using Skiff.Server.Tests.GitHub;
using Skiff.Tests.Shared;
using Skiff.Core.Api;

namespace Skiff.Server.Tests.Janitor;

/// <summary>
/// The janitor wired as the server wires it, with a real store (SQLite in a temporary SKIFF_HOME),
/// the real engine and a reconcile queue nobody takes from, on a fake clock. Its orphan collection
/// is confined to a random name prefix, so it never touches environments of other tests or servers
/// sharing the engine; everything made under that prefix is removed at the end.
/// </summary>
public sealed class JanitorHarness : IAsyncDisposable
{
    public const string Image = "docker.io/library/debian:bookworm-slim";
    private readonly ServiceProvider _services;
    private readonly DockerClient _docker;
    private readonly string _home;

    private JanitorHarness(ServiceProvider services, DockerClient docker, string home, FakeTimeProvider time, string prefix, LogCaptureProvider logs)
    {
        _services = services;
        _docker = docker;
        _home = home;
        Time = time;
        Prefix = prefix;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The start of every name this harness makes (a DNS label, lower case).</summary>
    public string Prefix { get; }

    public LogCaptureProvider Logs { get; }

    public EnvironmentStore Store => _services.GetRequiredService<EnvironmentStore>();

    public PullRequestRecorder Recorder => _services.GetRequiredService<PullRequestRecorder>();

    public ReconcileQueue Queue => _services.GetRequiredService<ReconcileQueue>();

    public IContainerEngine Driver => _services.GetRequiredService<IContainerEngine>();

    public IJanitor Janitor => _services.GetRequiredService<IJanitor>();

    public DockerClient Docker => _docker;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="adjust">Changes to the janitor's options (the orphan prefix is set already).</param>
    /// <param name="repositories">Repositories configured on the server (for pull request checks).</param>
    public static async Task<JanitorHarness> StartAsync(
        Func<JanitorOptions, JanitorOptions>? adjust = null,
        IReadOnlyList<RepositoryConfig>? repositories = null,
        bool runReconciler = true)
    {
        var home = Directory.CreateTempSubdirectory("skiff-janitor-").FullName;
        var prefix = "jn" + Guid.NewGuid().ToString("N")[..6] + "-";
        // A minute ahead of the engine's clock, so what a test creates now is already a little old to the janitor.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        var logs = new LogCaptureProvider();
        var janitorOptions = (adjust ?? (o => o))(new JanitorOptions { OrphanPrefix = prefix, OrphanGracePeriod = TimeSpan.Zero }).Validated();
        var server = new SkiffServerOptions { Home = home, Repositories = repositories ?? [], RunReconciler = runReconciler };

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(time);
        services.AddDbContextFactory<SkiffDbContext>(db => db.UseSqlite($"Data Source={Path.Combine(home, "skiff.db")}").AddInterceptors(new SqlitePragmas()));
        services.AddSingleton<EnvironmentStore>();
        services.AddSingleton<PullRequestRecorder>();
        services.AddSingleton<ReconcileQueue>();
        services.AddSingleton<Skiff.Server.Environments.DesiredStateWriter>();
        services.AddSkiffRuntime(server with { DockerHost = EngineEndpoint.DockerHost });
        services.AddSingleton(server);
        services.AddSingleton(new GitHubReporterOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        services.AddSingleton<IGitHubAccessProvider, GitHubAccessProvider>();
        services.AddSkiffJanitor(server);
        services.AddSingleton(janitorOptions);

        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<EnvironmentStore>().InitializeAsync(CancellationToken.None);
        var docker = new DockerClientBuilder().WithEndpoint(new Uri(EngineEndpoint.DockerHost)).Build();
        return new JanitorHarness(provider, docker, home, time, prefix, logs);
    }

    public Task<JanitorReport> RunAsync(bool dryRun = false) => Janitor.RunAsync(dryRun, CancellationToken.None);

    /// <summary>What Skiff itself would leave for <paramref name="environment"/>: its network, a volume and a running container, all labelled.</summary>
    public async Task<ContainerState?> CreateLabelledAsync(string environment, bool withContainer = true)
    {
        await Driver.EnsureNetworkAsync(environment, CancellationToken.None);
        await Driver.EnsureVolumeAsync(environment, "data", CancellationToken.None);
        if (!withContainer)
            return null;
        return await Driver.RunContainerAsync(new ContainerRequest
        {
            Environment = environment,
            Service = "app",
            Name = EngineNames.Container(environment, "app", "0badc0de"),
            Image = Image,
            Hash = "0badc0de",
            Command = ["sleep", "600"],
        }, CancellationToken.None);
    }

    /// <summary>A container, a network and a volume named <paramref name="name"/> with no Skiff label at all.</summary>
    public async Task CreateUnlabelledAsync(string name)
    {
        await _docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = name });
        await _docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = name });
        var created = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters { Name = name, Image = Image, Cmd = ["sleep", "600"] });
        await _docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
    }

    /// <summary>True when the engine still has a container, a network and a volume of that name.</summary>
    public async Task<(bool Container, bool Network, bool Volume)> UnlabelledExistsAsync(string name)
    {
        var containers = await _docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        var networks = await _docker.Networks.ListNetworksAsync();
        var volumes = await _docker.Volumes.ListAsync(new VolumesListParameters());
        return (containers.Any(c => c.Names.Any(n => n.TrimStart('/') == name)),
            networks.Any(n => n.Name == name),
            (volumes.Volumes ?? []).Any(v => v.Name == name));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var environment in await Driver.ListEnvironmentsAsync(CancellationToken.None))
        {
            if (environment.StartsWith(Prefix, StringComparison.Ordinal))
                await Driver.RemoveEnvironmentAsync(environment, CancellationToken.None);
        }
        foreach (var container in await _docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }))
        {
            if (container.Names.Any(n => n.TrimStart('/').StartsWith(Prefix, StringComparison.Ordinal)))
                await _docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
        foreach (var network in await _docker.Networks.ListNetworksAsync())
        {
            if (network.Name.StartsWith(Prefix, StringComparison.Ordinal))
                await _docker.Networks.DeleteNetworkAsync(network.ID);
        }
        foreach (var volume in (await _docker.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? [])
        {
            if (volume.Name.StartsWith(Prefix, StringComparison.Ordinal))
                await _docker.Volumes.RemoveAsync(volume.Name, force: true);
        }
        _docker.Dispose();
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
