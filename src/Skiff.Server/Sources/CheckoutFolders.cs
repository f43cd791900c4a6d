namespace Skiff.Server.Sources;

/// <summary>
/// The layout under SKIFF_HOME: <c>git/&lt;owner&gt;/&lt;name&gt;.git</c> (bare caches),
/// <c>checkouts/&lt;owner&gt;/&lt;name&gt;/&lt;sha&gt;</c> (complete trees; a folder with that name exists only once complete),
/// and <c>.tmp-…</c> entries beside them while a tree is written or deleted.
/// </summary>
internal sealed class CheckoutFolders(string home)
{
    public const string TemporaryPrefix = ".tmp-";

    private readonly string _git = Path.Combine(Path.GetFullPath(home), "git");
    private readonly string _checkouts = Path.Combine(Path.GetFullPath(home), "checkouts");

    /// <summary>HOME for git processes and the askpass script (owners never start with a dot).</summary>
    public string GitHome => Path.Combine(_git, ".home");

    public string Cache(RepositoryName repository) => Path.Combine(_git, repository.Owner, repository.Name + ".git");

    public string CheckoutsOf(RepositoryName repository) => Path.Combine(_checkouts, repository.Owner, repository.Name);

    public string Checkout(RepositoryName repository, string sha) => Path.Combine(CheckoutsOf(repository), sha);

    /// <summary>A fresh temporary path beside the final ones (same file system, so a rename is atomic).</summary>
    public string NewTemporary(string folder, string purpose) =>
        Path.Combine(folder, $"{TemporaryPrefix}{purpose}-{Guid.NewGuid():N}");

    /// <summary>
    /// Deletes a folder so that it never looks complete half-way: renamed to a temporary name first
    /// (one atomic step), then deleted. A crash in between leaves only a temporary folder.
    /// </summary>
    public void DeleteAtomically(string path)
    {
        var parent = Path.GetDirectoryName(path)!;
        var doomed = NewTemporary(parent, "delete");
        try
        {
            Directory.Move(path, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        DeleteTemporary(doomed);
    }

    /// <summary>Deletes a temporary folder or file (such as a left-over index) if it is there.</summary>
    public static void DeleteTemporary(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        else
            File.Delete(path);
    }

    public static bool IsTemporary(string path) => Path.GetFileName(path).StartsWith(TemporaryPrefix, StringComparison.Ordinal);
}
