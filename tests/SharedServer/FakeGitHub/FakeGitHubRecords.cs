using System.Text.Json;

namespace Skiff.Tests.Shared;

/// <summary>One request the fake received, as it arrived (the Authorization value left out).</summary>
/// <param name="Path">The API path without a GitHub Enterprise <c>/api/v3</c> prefix, such as <c>/repos/o/r/deployments</c>.</param>
/// <param name="Query">The query string with its leading <c>?</c>, or empty.</param>
/// <param name="Headers">Every header but Authorization, names in lower case.</param>
/// <param name="AuthorizationScheme">The scheme of the Authorization header (<c>Bearer</c>, <c>token</c>), when there was one.</param>
/// <param name="Body">The JSON body, when there was one.</param>
/// <param name="Status">What the fake answered.</param>
/// <param name="Enterprise">The request came under <c>/api/v3</c>, as to a GitHub Enterprise server.</param>
public sealed record FakeGitHubRequest(
    long Sequence,
    string Method,
    string Path,
    bool Enterprise,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    bool HasAuthorization,
    string? AuthorizationScheme,
    JsonElement? Body,
    int Status,
    DateTimeOffset At)
{
    /// <summary>The method and the path, exactly, or up to a final <c>*</c> (<c>/repos/o/r/issues/comments/*</c>).</summary>
    public bool Is(string method, string path) =>
        string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)
        && (path.EndsWith('*') ? Path.StartsWith(path[..^1], StringComparison.Ordinal) : Path == path);

    public override string ToString() => $"{Method} {Path}{Query} -> {Status}";
}

public sealed record FakeDeployment(
    long Id,
    string Repository,
    string Sha,
    string Ref,
    string Task,
    string Environment,
    string? Description,
    bool TransientEnvironment,
    bool ProductionEnvironment,
    bool AutoMerge,
    IReadOnlyList<string>? RequiredContexts,
    JsonElement? Payload,
    DateTimeOffset CreatedAt);

public sealed record FakeDeploymentStatus(
    long Id,
    long DeploymentId,
    string State,
    string? Description,
    string Environment,
    string? EnvironmentUrl,
    string? LogUrl,
    DateTimeOffset CreatedAt);

public sealed record FakeIssueComment(
    long Id,
    string Repository,
    int Issue,
    string Body,
    string UserLogin,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A GitHub App JWT the fake received at <c>/app/installations/{id}/access_tokens</c>, decoded.</summary>
/// <param name="Problem">Why it was refused, or null when it was accepted.</param>
public sealed record FakeAppJwt(
    string? Algorithm,
    string? Type,
    long IssuedAt,
    long ExpiresAt,
    string? Issuer,
    bool SignatureValid,
    string? Problem);

/// <summary>What a failing answer looks like.</summary>
public enum FakeGitHubFailureKind
{
    /// <summary>502 Bad Gateway, as GitHub's front end gives it now and then.</summary>
    BadGateway,

    /// <summary>403 with Retry-After and GitHub's "secondary rate limit" message.</summary>
    SecondaryRateLimit,

    /// <summary>403 with x-ratelimit-remaining: 0 and x-ratelimit-reset in the future.</summary>
    PrimaryRateLimit,

    /// <summary>429 with Retry-After.</summary>
    TooManyRequests,

    NotFound,

    /// <summary>422 Validation Failed.</summary>
    Unprocessable,
}

/// <summary>An injected failure: the next <see cref="Count"/> matching requests answer <see cref="Kind"/>.</summary>
/// <param name="PathContains">Only requests whose path contains this (such as <c>/repos/o/slow/</c>); every request when null.</param>
/// <param name="Method">Only this method; every method when null.</param>
/// <param name="RetryAfterSeconds">Retry-After for rate limits; seconds until x-ratelimit-reset for the primary limit.</param>
public sealed record FakeGitHubFailure(FakeGitHubFailureKind Kind, int Count = 1, string? PathContains = null, string? Method = null, int RetryAfterSeconds = 1)
{
    public const int Forever = int.MaxValue;

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}
