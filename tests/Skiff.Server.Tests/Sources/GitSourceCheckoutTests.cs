using System.Runtime.Versioning;
using Skiff.Server.Sources;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.Sources;

[SupportedOSPlatform("linux")]
public sealed class GitSourceCheckoutTests : IAsyncLifetime
{
    private readonly SourceHome _home = new();
    private GitRepositoryFixture _repository = null!;

    public async Task InitializeAsync() => _repository = await GitRepositoryFixture.CreateAsync();

    public async Task DisposeAsync()
    {
        await _repository.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Checkout_holds_exactly_the_tree_of_the_commit_with_modes_and_links_and_no_git_folder()
    {
        var sha = await _repository.CommitAsync("tools", tree =>
        {
            Directory.CreateDirectory(Path.Combine(tree, "tools"));
            File.WriteAllText(Path.Combine(tree, "tools", "run.sh"), "#!/bin/sh\necho run\n");
            File.SetUnixFileMode(Path.Combine(tree, "tools", "run.sh"), (UnixFileMode)0b111_101_101);
            File.CreateSymbolicLink(Path.Combine(tree, "tools", "compose-link.yaml"), "../compose.yaml");
            File.Delete(Path.Combine(tree, "README.md"));
        });
        var later = await _repository.CommitAsync("later", tree => File.WriteAllText(Path.Combine(tree, "later.txt"), "not in the first"));

        var folder = await _home.Source.CheckoutAsync(SourceHome.Request(_repository.CloneUrl, sha), CancellationToken.None);

        Assert.Equal(Path.Combine(_home.CheckoutsOf("acme", "shop"), sha), folder);
        var expected = (await _repository.GitAsync(_repository.WorkTree, CancellationToken.None, "ls-tree", "-r", "--name-only", sha))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        var actual = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(path => !Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
            .Select(path => Path.GetRelativePath(folder, path)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.False(Directory.Exists(Path.Combine(folder, ".git")));
        Assert.False(File.Exists(Path.Combine(folder, "README.md")));
        Assert.False(File.Exists(Path.Combine(folder, "later.txt")));
        Assert.NotEqual(later, sha);

        Assert.Equal("#!/bin/sh\necho run\n", File.ReadAllText(Path.Combine(folder, "tools", "run.sh")));
        Assert.True(File.GetUnixFileMode(Path.Combine(folder, "tools", "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(folder, "compose.yaml")).HasFlag(UnixFileMode.UserExecute));
        Assert.True(File.GetUnixFileMode(Path.Combine(folder, "db", "docker-entrypoint.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("../compose.yaml", new FileInfo(Path.Combine(folder, "tools", "compose-link.yaml")).LinkTarget);
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "shop", "compose.yaml")),
            File.ReadAllText(Path.Combine(folder, "compose.yaml")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_home.CheckoutsOf("acme", "shop")), path => Path.GetFileName(path).StartsWith('.'));
    }

    [Fact]
    public async Task A_second_commit_reuses_the_shallow_cache_and_fetches_only_what_changed()
    {
        await _home.Source.CheckoutAsync(SourceHome.Request(_repository.CloneUrl, _repository.InitialSha), CancellationToken.None);
        var cache = _home.Cache("acme", "shop");
        var before = await CountObjectsAsync(cache);

        var next = await _repository.CommitAsync("one line", tree => File.AppendAllText(Path.Combine(tree, "api", "app.py"), "\n# changed\n"));
        var folder = await _home.Source.CheckoutAsync(SourceHome.Request(_repository.CloneUrl, next), CancellationToken.None);

        Assert.Contains("# changed", File.ReadAllText(Path.Combine(folder, "api", "app.py")));
        var after = await CountObjectsAsync(cache);
        Assert.True(before > 10, $"the first fetch brought {before} objects");
        Assert.InRange(after - before, 3, 5); // the commit, the root tree, api/ and the changed blob
        Assert.Equal("true", (await GitAsync(cache, "rev-parse", "--is-shallow-repository")).Trim());
        Assert.Equal(
            new[] { GitCacheRef(_repository.InitialSha), GitCacheRef(next) }.Order(StringComparer.Ordinal),
            (await GitAsync(cache, "for-each-ref", "--format=%(refname)", "refs/skiff/")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_same_commit_again_returns_the_same_folder_without_fetching()
    {
        var request = SourceHome.Request(_repository.CloneUrl, _repository.InitialSha);
        var first = await _home.Source.CheckoutAsync(request, CancellationToken.None);
        Directory.Move(_repository.BarePath, _repository.BarePath + ".gone");

        var second = await _home.Source.CheckoutAsync(request, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(_home.Logger.Lines, line => line.Contains("Fetched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_checkouts_of_one_commit_share_one_folder_and_other_commits_follow()
    {
        var other = await _repository.CommitAsync("other", tree => File.WriteAllText(Path.Combine(tree, "other.txt"), "other"));
        var request = SourceHome.Request(_repository.CloneUrl, _repository.InitialSha);

        var folders = await Task.WhenAll(
            _home.Source.CheckoutAsync(request, CancellationToken.None),
            _home.Source.CheckoutAsync(request, CancellationToken.None),
            _home.Source.CheckoutAsync(request with { Sha = other }, CancellationToken.None),
            _home.Source.CheckoutAsync(request with { Repository = "acme/copy" }, CancellationToken.None));

        Assert.Equal(folders[0], folders[1]);
        Assert.True(File.Exists(Path.Combine(folders[2], "other.txt")));
        Assert.False(File.Exists(Path.Combine(folders[0], "other.txt")));
        Assert.Equal(Path.Combine(_home.CheckoutsOf("acme", "copy"), _repository.InitialSha), folders[3]);
        Assert.Equal(2, _home.Logger.Lines.Count(line => line.Contains("Fetched", StringComparison.Ordinal) && line.Contains("acme/shop", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_commit_only_on_a_pull_request_ref_is_checked_out()
    {
        var pr = await _repository.CommitAsync("pr change", tree => File.WriteAllText(Path.Combine(tree, "pr.txt"), "from the PR"), branch: null);
        await _repository.PushPullRequestAsync(7, pr);

        var folder = await _home.Source.CheckoutAsync(
            SourceHome.Request(_repository.CloneUrl, pr, GitRepositoryFixture.PullRequestRef(7)), CancellationToken.None);

        Assert.Equal("from the PR", File.ReadAllText(Path.Combine(folder, "pr.txt")));
    }

    [Fact]
    public async Task A_commit_the_server_does_not_have_fails_and_names_where_the_ref_is()
    {
        var pr = await _repository.CommitAsync("pr", _ => { }, branch: null);
        await _repository.PushPullRequestAsync(7, pr);
        var missing = new string('a', 40);

        var error = await Assert.ThrowsAsync<GitSourceException>(() => _home.Source.CheckoutAsync(
            SourceHome.Request(_repository.CloneUrl, missing, GitRepositoryFixture.PullRequestRef(7)), CancellationToken.None));

        Assert.StartsWith($"refs/pull/7/head is at {pr}, not {missing}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(Path.Combine(_home.CheckoutsOf("acme", "shop"), missing)));
        Assert.DoesNotContain("refs/skiff/fetched", await GitAsync(_home.Cache("acme", "shop"), "for-each-ref"));
    }

    [Fact]
    public async Task A_commit_the_server_does_not_have_without_a_ref_fails_with_gits_reason()
    {
        var missing = new string('b', 40);

        var error = await Assert.ThrowsAsync<GitSourceException>(() => _home.Source.CheckoutAsync(
            SourceHome.Request(_repository.CloneUrl, missing), CancellationToken.None));

        // git and its upload-pack both report it; which of the two lines arrives last varies.
        Assert.StartsWith($"cannot fetch {missing} from {_repository.CloneUrl}: ", error.Message);
        Assert.EndsWith($"upload-pack: not our ref {missing}", error.Message);
        Assert.DoesNotContain(';', error.Message);
    }

    [Fact]
    public async Task Left_overs_of_an_interrupted_checkout_do_not_count_as_a_checkout()
    {
        var leftover = Path.Combine(_home.CheckoutsOf("acme", "shop"), $".tmp-{_repository.InitialSha}-deadbeef");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "half.txt"), "half");

        var folder = await _home.Source.CheckoutAsync(SourceHome.Request(_repository.CloneUrl, _repository.InitialSha), CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(folder, "half.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "compose.yaml")));
    }

    [Fact]
    public async Task Lock_files_a_killed_git_left_in_the_cache_do_not_block_the_next_fetch()
    {
        await _home.Source.CheckoutAsync(SourceHome.Request(_repository.CloneUrl, _repository.InitialSha), CancellationToken.None);
        var next = await _repository.CommitAsync("next", tree => File.WriteAllText(Path.Combine(tree, "next.txt"), "next"));
        var cache = _home.Cache("acme", "shop");
        File.WriteAllText(Path.Combine(cache, "shallow.lock"), "");
        File.WriteAllText(Path.Combine(cache, "refs", "skiff", "commits", next + ".lock"), "");

        var folder = await _home.Source.CheckoutAsync(SourceHome.Request(_repository.CloneUrl, next), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(folder, "next.txt")));
        Assert.Empty(Directory.EnumerateFiles(cache, "*.lock", SearchOption.AllDirectories));
    }

    private static string GitCacheRef(string sha) => $"refs/skiff/commits/{sha}";

    private async Task<int> CountObjectsAsync(string cache)
    {
        var lines = (await GitAsync(cache, "count-objects", "-v")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ")).ToDictionary(parts => parts[0], parts => parts[1]);
        return int.Parse(lines["count"], System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(lines["in-pack"], System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<string> GitAsync(string directory, params string[] arguments) =>
        _repository.GitAsync(directory, CancellationToken.None, arguments);
}
