namespace Skiff.Server.Configuration;

/// <summary>What <c>skiff-server.yaml</c> says (every key is optional; see docs/server.md).</summary>
public sealed record ServerConfig
{
    public string? Listen { get; init; }

    public string? BaseDomain { get; init; }

    public int? MaxConcurrentDeploys { get; init; }

    public IReadOnlyList<RepositoryConfig> Repositories { get; init; } = [];
}

/// <summary>The configuration file is wrong; the message names file, line, column and key.</summary>
public sealed class ServerConfigException(string message) : Exception(message);
