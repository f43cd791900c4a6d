namespace Skiff.Server.Configuration;

/// <summary>What <c>skiff-server.yaml</c> says (every key is optional; see docs/server.md).</summary>
public sealed record ServerConfig
{
    public string? Listen { get; init; }

    public string? BaseDomain { get; init; }

    /// <summary>What runs environments (<c>runtime:</c>); see <see cref="SkiffServerOptions.Runtimes"/>.</summary>
    public string? Runtime { get; init; }

    public int? MaxConcurrentDeploys { get; init; }

    public IReadOnlyList<RepositoryConfig> Repositories { get; init; } = [];

    /// <summary>Defaults and limits of TTL and idle suspend (<c>environments:</c>).</summary>
    public Core.Lifetimes.LifetimeSettings? Lifetimes { get; init; }

    /// <summary>Host limits (<c>capacity:</c>).</summary>
    public Core.Budgets.CapacityLimits? Capacity { get; init; }

    /// <summary>The price table of the cost meter (<c>prices:</c>).</summary>
    public Core.Costs.PriceTable? Prices { get; init; }

    /// <summary>The janitor's schedule (<c>janitor:</c>).</summary>
    public JanitorSettings? Janitor { get; init; }
}

/// <summary>How often the janitor runs, and whether it only reports what it would do.</summary>
public sealed record JanitorSettings(TimeSpan Interval, bool DryRun = false)
{
    public static JanitorSettings Default { get; } = new(TimeSpan.FromMinutes(5));
}

/// <summary>The configuration file is wrong; the message names file, line, column and key.</summary>
public sealed class ServerConfigException(string message) : Exception(message);
