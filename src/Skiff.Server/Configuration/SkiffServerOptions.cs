namespace Skiff.Server.Configuration;

/// <summary>How <c>skiff serve</c> runs. Every value has a default that works on one machine.</summary>
public sealed record SkiffServerOptions
{
    /// <summary>Where the store, source caches and logs live (<c>SKIFF_HOME</c>, default <c>~/.skiff</c>).</summary>
    public required string Home { get; init; }

    /// <summary>The one address the server listens on (API, webhooks, dashboard and environment traffic).</summary>
    public string Listen { get; init; } = "http://127.0.0.1:7070";

    /// <summary>Environments answer on <c>&lt;env&gt;.&lt;BaseDomain&gt;</c>.</summary>
    public string BaseDomain { get; init; } = "localhost";

    /// <summary>The runtimes <see cref="Runtime"/> may name (each registered in the server's Runtime room).</summary>
    public static readonly IReadOnlyList<string> Runtimes = ["docker"];

    /// <summary>What runs environments: <c>docker</c> (a Docker Engine API: Docker, or Podman's; the default).</summary>
    public string Runtime { get; init; } = "docker";

    /// <summary>The engine socket (<c>DOCKER_HOST</c>); null means the default.</summary>
    public string? DockerHost { get; init; }

    /// <summary>How many environments deploy at the same time.</summary>
    public int MaxConcurrentDeploys { get; init; } = 4;

    /// <summary>False records desired state without acting on it (benchmarks of the webhook path alone).</summary>
    public bool RunReconciler { get; init; } = true;

    /// <summary>The repositories whose pull requests get environments (from skiff-server.yaml).</summary>
    public IReadOnlyList<RepositoryConfig> Repositories { get; init; } = [];

    /// <summary>TTL and idle-suspend defaults and limits.</summary>
    public Core.Lifetimes.LifetimeSettings Lifetimes { get; init; } = new();

    /// <summary>Host limits; beyond them new environments queue.</summary>
    public Core.Budgets.CapacityLimits Capacity { get; init; } = new();

    /// <summary>The cost meter's prices.</summary>
    public Core.Costs.PriceTable Prices { get; init; } = new();

    public JanitorSettings Janitor { get; init; } = JanitorSettings.Default;

    /// <summary>These options with the values a configuration file sets.</summary>
    public SkiffServerOptions With(ServerConfig config) => this with
    {
        Listen = config.Listen ?? Listen,
        BaseDomain = config.BaseDomain ?? BaseDomain,
        Runtime = config.Runtime ?? Runtime,
        MaxConcurrentDeploys = config.MaxConcurrentDeploys ?? MaxConcurrentDeploys,
        Repositories = config.Repositories,
        Lifetimes = config.Lifetimes ?? Lifetimes,
        Capacity = config.Capacity ?? Capacity,
        Prices = config.Prices ?? Prices,
        Janitor = config.Janitor ?? Janitor,
    };

    public RepositoryConfig? FindRepository(string fullName) =>
        Repositories.FirstOrDefault(r => string.Equals(r.FullName, fullName, StringComparison.OrdinalIgnoreCase));

    public static SkiffServerOptions FromEnvironment() => new()
    {
        Home = DefaultHome(),
        Listen = Environment.GetEnvironmentVariable("SKIFF_LISTEN") ?? "http://127.0.0.1:7070",
        BaseDomain = Environment.GetEnvironmentVariable("SKIFF_BASE_DOMAIN") ?? "localhost",
        DockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST"),
    };

    public static string DefaultHome() =>
        Environment.GetEnvironmentVariable("SKIFF_HOME") is { Length: > 0 } home
            ? Path.GetFullPath(home)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".skiff");
}
