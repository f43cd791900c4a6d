namespace Skiff.Server.Sources;

/// <summary>Fetches commits with real git into a cache under SKIFF_HOME and materialises their trees.</summary>
public interface IGitSource
{
    /// <summary>
    /// The absolute path of a folder holding exactly the tree of <see cref="GitCheckoutRequest.Sha"/>
    /// (treat it as read-only; it may be shared by environments of the same repository).
    /// Throws <see cref="GitSourceException"/> with a one-line reason (never containing a token).
    /// </summary>
    Task<string> CheckoutAsync(GitCheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes the repository's checkouts except those of the listed commits.</summary>
    Task PruneAsync(string repository, IReadOnlySet<string> keepShas, CancellationToken cancellationToken);
}

/// <summary>One commit to fetch.</summary>
public sealed record GitCheckoutRequest
{
    /// <summary><c>owner/name</c>; names the cache folder.</summary>
    public required string Repository { get; init; }

    /// <summary>Where to fetch from: <c>https://…</c>, <c>file://…</c> or a local path.</summary>
    public required string CloneUrl { get; init; }

    /// <summary>The full 40-hex commit id.</summary>
    public required string Sha { get; init; }

    /// <summary>A ref that contains the commit (such as <c>refs/pull/7/head</c>), fetched when the commit alone cannot be.</summary>
    public string? Ref { get; init; }

    /// <summary>A token for private https repositories: given to git through its askpass hook, never on a command line or in a log.</summary>
    public string? Token { get; init; }
}

/// <summary>A fetch or checkout failed; the message is one line and never contains a token.</summary>
public sealed class GitSourceException(string message) : Exception(message);
