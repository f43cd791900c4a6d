using System.Diagnostics;

namespace Skiff.Tests.Shared;

/// <summary>
/// A real git repository in a temporary folder, as a hosting service would hold it: a bare repository
/// (<see cref="BarePath"/>, served as <see cref="CloneUrl"/>) with <c>uploadpack.allowAnySHA1InWant</c>,
/// and a work clone whose commits are pushed to it. The first commit, on <c>main</c>, is a copy of an
/// example app (examples/shop by default). Pull requests are <c>refs/pull/N/head</c>, as on GitHub.
/// </summary>
public sealed class GitRepositoryFixture : IAsyncDisposable, IDisposable
{
    private const string Branch = "main";

    private GitRepositoryFixture(string root)
    {
        Root = root;
        BarePath = Path.Combine(root, "remote", "repo.git");
        WorkTree = Path.Combine(root, "work");
    }

    /// <summary>The temporary folder holding everything (deleted on dispose).</summary>
    public string Root { get; }

    public string BarePath { get; }

    /// <summary>The work clone; <see cref="CommitAsync"/> changes it.</summary>
    public string WorkTree { get; }

    /// <summary><c>file:///…/repo.git</c>.</summary>
    public string CloneUrl => new Uri(BarePath).AbsoluteUri;

    /// <summary>The first commit (the example app), the tip of <c>main</c> after creation.</summary>
    public string InitialSha { get; private set; } = "";

    /// <summary>Creates the repositories and pushes the example app as the first commit on <c>main</c>.</summary>
    public static async Task<GitRepositoryFixture> CreateAsync(string example = "shop", CancellationToken cancellationToken = default)
    {
        var fixture = new GitRepositoryFixture(Directory.CreateTempSubdirectory("skiff-git-").FullName);
        try
        {
            Directory.CreateDirectory(Path.Combine(fixture.Root, "home"));
            await fixture.GitAsync(fixture.Root, cancellationToken, "init", "--quiet", "--bare", "--initial-branch=" + Branch, fixture.BarePath);
            await fixture.GitAsync(fixture.BarePath, cancellationToken, "config", "uploadpack.allowAnySHA1InWant", "true");
            await fixture.GitAsync(fixture.Root, cancellationToken, "init", "--quiet", "--initial-branch=" + Branch, fixture.WorkTree);
            await fixture.GitAsync(fixture.WorkTree, cancellationToken, "remote", "add", "origin", fixture.BarePath);
            fixture.InitialSha = await fixture.CommitAsync(
                $"Add examples/{example}", workTree => CopyTree(Path.Combine(RepositoryPaths.Examples, example), workTree), Branch, cancellationToken);
            return fixture;
        }
        catch
        {
            fixture.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lets <paramref name="change"/> edit the work tree (its argument), commits everything on the
    /// current head and pushes it to <paramref name="branch"/> (forced; null pushes nothing, so the
    /// commit exists only in the work clone until <see cref="PushPullRequestAsync"/>). Returns the new sha.
    /// </summary>
    public async Task<string> CommitAsync(string message, Action<string> change, string? branch = Branch, CancellationToken cancellationToken = default)
    {
        change(WorkTree);
        await GitAsync(WorkTree, cancellationToken, "add", "--all");
        await GitAsync(WorkTree, cancellationToken, "commit", "--quiet", "--allow-empty", "--no-verify", "-m", message);
        var sha = (await GitAsync(WorkTree, cancellationToken, "rev-parse", "HEAD")).Trim();
        if (branch is not null)
            await PushAsync(sha, $"refs/heads/{branch}", cancellationToken);
        return sha;
    }

    /// <summary>Points <c>refs/pull/<paramref name="number"/>/head</c> in the bare repository at <paramref name="sha"/>, as GitHub does on a push to a PR.</summary>
    public Task PushPullRequestAsync(int number, string sha, CancellationToken cancellationToken = default) =>
        PushAsync(sha, PullRequestRef(number), cancellationToken);

    public static string PullRequestRef(int number) => $"refs/pull/{number}/head";

    /// <summary>Moves the work clone (and its next commits) to <paramref name="sha"/>, e.g. back to <see cref="InitialSha"/> to start another branch.</summary>
    public Task ResetAsync(string sha, CancellationToken cancellationToken = default) =>
        GitAsync(WorkTree, cancellationToken, "reset", "--quiet", "--hard", sha);

    public Task PushBranchAsync(string branch, string sha, CancellationToken cancellationToken = default) =>
        PushAsync(sha, $"refs/heads/{branch}", cancellationToken);

    public Task DeleteRefAsync(string reference, CancellationToken cancellationToken = default) =>
        GitAsync(BarePath, cancellationToken, "update-ref", "-d", reference);

    /// <summary>Runs git in <paramref name="directory"/> with the fixture's isolated configuration and returns its output.</summary>
    public async Task<string> GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(key => key.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["HOME"] = Path.Combine(Root, "home");
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "Skiff Test";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "test@skiff.invalid";

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {(await error).Trim()}");
        return await output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private Task PushAsync(string sha, string reference, CancellationToken cancellationToken) =>
        GitAsync(WorkTree, cancellationToken, "push", "--quiet", "--force", "origin", $"{sha}:{reference}");

    /// <summary>Copies files keeping their modes (File.Copy keeps them on Unix) and symbolic links as links.</summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
                File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo directory)
                CopyTree(directory.FullName, target);
            else
                File.Copy(entry.FullName, target);
        }
    }
}
