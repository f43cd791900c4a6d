using Microsoft.Extensions.Logging;

namespace Skiff.Server.Sources;

/// <summary>
/// One repository's bare cache: created once, filled by shallow fetches, every fetched commit kept
/// reachable by <c>refs/skiff/commits/&lt;sha&gt;</c> (so later fetches send only what is new).
/// Callers hold the repository's lock.
/// </summary>
internal sealed class GitCache(GitProcess git, GitSourceOptions options, string path, ILogger logger)
{
    public const string CommitRefs = "refs/skiff/commits/";
    private const string FetchedRef = "refs/skiff/fetched";

    /// <summary>gc runs in the foreground (no process outlives a command); no reflogs; submodules are not fetched.</summary>
    private static readonly (string Key, string Value)[] Settings =
        [("gc.autoDetach", "false"), ("core.logAllRefUpdates", "false"), ("fetch.recurseSubmodules", "false")];

    public string Path => path;

    public bool Exists => File.Exists(System.IO.Path.Combine(path, "HEAD"));

    private string GitDir => $"--git-dir={path}";

    /// <summary>Creates the bare repository in a temporary folder and renames it into place.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Exists)
            return;
        var parent = System.IO.Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(parent);
        var temporary = System.IO.Path.Combine(parent, $"{CheckoutFolders.TemporaryPrefix}{System.IO.Path.GetFileName(path)}-{Guid.NewGuid():N}");
        try
        {
            await RequireAsync(["init", "--quiet", "--bare", "--template=", temporary], cancellationToken);
            foreach (var (key, value) in Settings)
                await RequireAsync([$"--git-dir={temporary}", "config", key, value], cancellationToken);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
            Directory.Move(temporary, path);
            logger.LogInformation("Created git cache {Cache}", path);
        }
        finally
        {
            if (Directory.Exists(temporary))
                Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>
    /// Removes lock files a killed git (cancellation, timeout, a crash) left behind, which would make
    /// every later fetch fail with "File exists". Safe because the caller holds the repository's lock
    /// and the killed process tree is gone.
    /// </summary>
    public void RemoveStaleLocks()
    {
        if (!Exists)
            return;
        var stale = Directory.EnumerateFiles(path, "*.lock")
            .Concat(Directory.EnumerateFiles(System.IO.Path.Combine(path, "refs"), "*.lock", SearchOption.AllDirectories))
            .ToList();
        foreach (var file in stale)
        {
            File.Delete(file);
            logger.LogWarning("Removed stale git lock {Lock}", file);
        }
    }

    public async Task<bool> HasCommitAsync(string sha, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync([GitDir, "cat-file", "-e", $"{sha}^{{commit}}"], options.CommandTimeout, cancellationToken);
        return result.Succeeded;
    }

    /// <summary>Fetches exactly one commit, one level deep, and keeps it under <see cref="CommitRefs"/>.</summary>
    public Task<GitResult> FetchCommitAsync(CheckoutTarget target, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        FetchAsync(target.Url, $"+{target.Sha}:{CommitRefs}{target.Sha}", environment, cancellationToken);

    /// <summary>Fetches the tip of a ref, one level deep, and returns the commit it is at (null when the fetch failed).</summary>
    public async Task<(GitResult Fetch, string? Sha)> FetchRefAsync(
        CheckoutTarget target, string reference, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var fetch = await FetchAsync(target.Url, $"+{reference}:{FetchedRef}", environment, cancellationToken);
        if (!fetch.Succeeded)
            return (fetch, null);
        var tip = await RequireAsync([GitDir, "rev-parse", "--verify", "--quiet", $"{FetchedRef}^{{commit}}"], cancellationToken);
        return (fetch, tip.Output.Trim());
    }

    /// <summary>Moves the commit fetched by <see cref="FetchRefAsync"/> under <see cref="CommitRefs"/>.</summary>
    public async Task KeepFetchedAsync(string sha, CancellationToken cancellationToken)
    {
        await RequireAsync([GitDir, "update-ref", CommitRefs + sha, sha], cancellationToken);
        await ForgetFetchedAsync(cancellationToken);
    }

    public Task ForgetFetchedAsync(CancellationToken cancellationToken) =>
        RequireAsync([GitDir, "update-ref", "-d", FetchedRef], cancellationToken);

    /// <summary>Writes the tree of <paramref name="sha"/> into the empty folder <paramref name="workTree"/>, with a throw-away index.</summary>
    public async Task WriteTreeAsync(string sha, string workTree, string indexFile, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = indexFile };
        string[] location = [GitDir, $"--work-tree={workTree}"];
        await RequireAsync([.. location, "read-tree", "--end-of-options", sha], cancellationToken, environment);
        await RequireAsync([.. location, "checkout-index", "--all"], cancellationToken, environment);
    }

    /// <summary>Drops the keep-refs of commits not listed, so git's own gc may collect their objects, then lets gc decide.</summary>
    public async Task ForgetCommitsExceptAsync(IReadOnlySet<string> keepShas, CancellationToken cancellationToken)
    {
        var listed = await RequireAsync([GitDir, "for-each-ref", "--format=%(refname)", CommitRefs], cancellationToken);
        var doomed = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(name => !keepShas.Contains(name[CommitRefs.Length..]))
            .ToList();
        if (doomed.Count > 0)
        {
            var commands = string.Concat(doomed.Select(name => $"delete {name}\n"));
            await RequireAsync([GitDir, "update-ref", "--stdin"], cancellationToken, input: commands);
        }
        var gc = await git.RunAsync([GitDir, "gc", "--auto", "--quiet"], options.CommandTimeout, cancellationToken);
        if (!gc.Succeeded)
            logger.LogWarning("git gc in {Cache} failed: {Reason}", path, gc.Summary);
    }

    private Task<GitResult> FetchAsync(string url, string refspec, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        git.RunAsync(
            [GitDir, "fetch", "--quiet", "--depth=1", "--no-tags", "--no-write-fetch-head", "--no-auto-maintenance", "--no-recurse-submodules", "--end-of-options", url, refspec],
            options.FetchTimeout, cancellationToken, environment);

    private async Task<GitResult> RequireAsync(
        IReadOnlyList<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        var result = await git.RunAsync(arguments, options.CommandTimeout, cancellationToken, environment, input);
        if (!result.Succeeded)
            throw new GitSourceException($"git {arguments.First(argument => !argument.StartsWith('-'))} in {path} failed: {result.Summary}");
        return result;
    }
}
