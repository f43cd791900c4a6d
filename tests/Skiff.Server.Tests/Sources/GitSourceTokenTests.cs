using System.Runtime.Versioning;
using Skiff.Server.Sources;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.Sources;

/// <summary>A private repository over HTTP (real git http-backend behind Basic auth) and a token that must stay secret.</summary>
[SupportedOSPlatform("linux")]
public sealed class GitSourceTokenTests : IAsyncLifetime
{
    private const string Token = "ghs_S3cretTokenValue0123456789";
    private readonly SourceHome _home = new();
    private GitRepositoryFixture _repository = null!;
    private GitHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _repository = await GitRepositoryFixture.CreateAsync();
        _server = await GitHttpServer.StartAsync(Path.GetDirectoryName(_repository.BarePath)!, Token);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _repository.DisposeAsync();
        _home.Dispose();
    }

    private string Url => _server.UrlOf("repo.git");

    [Fact]
    public async Task The_right_token_fetches_and_never_shows_in_a_command_line_url_log_or_file()
    {
        var pr = await _repository.CommitAsync("pr", tree => File.WriteAllText(Path.Combine(tree, "pr.txt"), "private"), branch: null);
        await _repository.PushPullRequestAsync(7, pr);
        string folder;
        IReadOnlyCollection<string> commandLines;
        await using (var watcher = new ProcessListWatcher())
        {
            folder = await _home.Source.CheckoutAsync(SourceHome.Request(Url, pr, "refs/pull/7/head", token: Token), CancellationToken.None);
            commandLines = watcher.CommandLines;
        }

        Assert.Equal("private", File.ReadAllText(Path.Combine(folder, "pr.txt")));
        Assert.Contains(commandLines, line => line.Contains("fetch", StringComparison.Ordinal) && line.Contains(Url, StringComparison.Ordinal));
        Assert.DoesNotContain(commandLines, line => line.Contains(Token, StringComparison.Ordinal));
        Assert.True(_server.Unauthorized > 0, "git should have been challenged first");
        Assert.DoesNotContain(_server.Requests, request => request.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, _home.Logger.Text, StringComparison.Ordinal);
        Assert.Contains("Fetched", _home.Logger.Text, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_home.Path, "*", SearchOption.AllDirectories).Where(file => new FileInfo(file).LinkTarget is null))
            Assert.DoesNotContain(Token, File.ReadAllText(file), StringComparison.Ordinal);

        var askPass = Path.Combine(_home.Path, "git", ".home", "askpass.sh");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(askPass));
    }

    [Fact]
    public async Task A_wrong_token_fails_with_a_clear_message_that_does_not_contain_it()
    {
        const string wrong = "ghs_WrongTokenValue9876543210";

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _home.Source.CheckoutAsync(SourceHome.Request(Url, _repository.InitialSha, token: wrong), CancellationToken.None));

        Assert.Equal($"cannot fetch {_repository.InitialSha} from {Url}: Authentication failed for '{Url}/'", error.Message);
        Assert.DoesNotContain(wrong, _home.Logger.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _home.Logger.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_echoed_by_the_server_is_masked_in_the_message()
    {
        // The token as a path segment: git repeats the URL in its error, and the scrubber must catch it.
        var url = _server.UrlOf($"{Token}/repo.git");

        var error = await Assert.ThrowsAsync<GitSourceException>(() =>
            _home.Source.CheckoutAsync(SourceHome.Request(url, _repository.InitialSha, token: Token), CancellationToken.None));

        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _home.Logger.Text, StringComparison.Ordinal);
    }
}
