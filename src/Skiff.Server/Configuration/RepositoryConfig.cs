using Skiff.Core.PullRequests;

namespace Skiff.Server.Configuration;

/// <summary>One repository the server serves: where it is, how webhooks are signed, how to call its API, which PRs get environments.</summary>
public sealed record RepositoryConfig
{
    /// <summary><c>owner/name</c>, as in the webhook's <c>repository.full_name</c>.</summary>
    public required string FullName { get; init; }

    /// <summary>Where git fetches from (default <c>https://github.com/&lt;owner&gt;/&lt;name&gt;.git</c>).</summary>
    public required string CloneUrl { get; init; }

    /// <summary>The webhook secret: deliveries whose X-Hub-Signature-256 does not match it are refused.</summary>
    public required SecretValue WebhookSecret { get; init; }

    /// <summary>A token for the API and for fetching private repositories (or use <see cref="App"/>).</summary>
    public SecretValue? Token { get; init; }

    public GitHubAppConfig? App { get; init; }

    /// <summary>The REST API base (<c>https://api.github.com/</c>, or <c>https://HOST/api/v3/</c> for GitHub Enterprise).</summary>
    public Uri ApiUrl { get; init; } = new("https://api.github.com/");

    public PullRequestRules Rules { get; init; } = new();

    /// <summary>This repository's TTL, overriding the server default (within its limits).</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>This repository's idle-suspend period, overriding the server default.</summary>
    public TimeSpan? Idle { get; init; }

    /// <summary>Monthly budget and policy; no budget by default.</summary>
    public Core.Budgets.BudgetRules Budget { get; init; } = new();

    public string Owner => FullName.Split('/')[0];

    public string Name => FullName.Split('/')[1];
}

/// <summary>GitHub App credentials: the app id, its installation on the repository, and its private key (PEM).</summary>
public sealed record GitHubAppConfig(long AppId, long InstallationId, SecretValue PrivateKey);
