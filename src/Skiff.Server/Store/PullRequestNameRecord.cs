namespace Skiff.Server.Store;

/// <summary>
/// A name given to a pull request's environment. Rows are never deleted, so a pull request that
/// closes and reopens gets its name back, and a name once given never goes to another repository,
/// another pull request or a folder environment.
/// </summary>
public sealed class PullRequestNameRecord
{
    public required string Name { get; set; }

    /// <summary><c>owner/name</c> as the server's configuration spells it.</summary>
    public required string Repository { get; set; }

    public long PullRequest { get; set; }

    public DateTimeOffset GivenAt { get; set; }
}
