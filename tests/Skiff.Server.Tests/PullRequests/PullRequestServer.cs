using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Skiff.Core.Api;
using Skiff.Server.Configuration;
using Skiff.Server.GitHub;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.PullRequests;

/// <summary>
/// A real server connected to one repository: a real bare git repository holding the shop example
/// (served over file://), signed deliveries built from GitHub's recorded payloads, and the fake
/// GitHub API standing in for api.github.com. A class fixture as it is, or started by a test with
/// its own repository and server settings (<see cref="StartAsync"/>), optionally with a second
/// repository of the same name under another owner (<see cref="Other"/>).
/// </summary>
public sealed class PullRequestServer : IAsyncLifetime, IAsyncDisposable
{
    private Func<RepositoryConfig, RepositoryConfig> _adjustRepository = r => r;
    private Func<Skiff.Server.Configuration.SkiffServerOptions, Skiff.Server.Configuration.SkiffServerOptions> _adjustServer = o => o;
    private string? _otherOwner;

    public const string Secret = "webhook-secret-for-tests";
    public const string Token = "ghs_test_token_for_tests";

    public GitRepositoryFixture Repository { get; private set; } = null!;

    public FakeGitHubApi GitHub { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    public WebhookDeliveries Deliveries { get; } = new("acme", "shop", Secret);

    /// <summary>The second repository, <c>&lt;other owner&gt;/shop</c>, when the server was started with one.</summary>
    public ServedRepository? Other { get; private set; }

    /// <summary>A started server whose repository (budget, policy) and options (capacity) the test adjusts.</summary>
    /// <param name="otherOwner">Also serve <c>&lt;otherOwner&gt;/shop</c>, a second repository named shop, from its own git repository.</param>
    public static async Task<PullRequestServer> StartAsync(
        Func<RepositoryConfig, RepositoryConfig>? repository = null, Func<Skiff.Server.Configuration.SkiffServerOptions, Skiff.Server.Configuration.SkiffServerOptions>? server = null,
        string? otherOwner = null)
    {
        var started = new PullRequestServer { _adjustRepository = repository ?? (r => r), _adjustServer = server ?? (o => o), _otherOwner = otherOwner };
        await started.InitializeAsync();
        return started;
    }

    public async Task InitializeAsync()
    {
        Repository = await GitRepositoryFixture.CreateAsync();
        GitHub = await FakeGitHubApi.StartAsync();
        GitHub.AcceptToken(Token);
        if (_otherOwner is { } owner)
            Other = new ServedRepository($"{owner}/shop", await GitRepositoryFixture.CreateAsync(), new WebhookDeliveries(owner, "shop", Secret));
        List<RepositoryConfig> repositories = [_adjustRepository(Config("acme/shop", Repository))];
        if (Other is { } other)
            repositories.Add(Config(other.FullName, other.Git));
        Server = await TestServer.StartAsync(adjust: options => _adjustServer(options with { Repositories = repositories }));
    }

    private RepositoryConfig Config(string fullName, GitRepositoryFixture git) => new()
    {
        FullName = fullName,
        CloneUrl = git.CloneUrl,
        WebhookSecret = new SecretValue(Secret, "test"),
        Token = new SecretValue(Token, "test"),
        ApiUrl = GitHub.BaseUrl,
    };

    public async Task DisposeAsync()
    {
        var environments = await Server.Http.GetFromJsonAsync<List<EnvironmentDto>>("api/v1/environments", SkiffJson.Options) ?? [];
        foreach (var environment in environments)
            await Server.Driver.RemoveEnvironmentAsync(environment.Name, CancellationToken.None);
        await Server.DisposeAsync();
        await GitHub.DisposeAsync();
        await Repository.DisposeAsync();
        if (Other is not null)
            await Other.Git.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>Commits a change to the web page's heading (a marker the test can look for) and points refs/pull/N/head at it.</summary>
    public Task<string> PushHeadingAsync(int number, string marker) => PushHeadingAsync(Repository, number, marker);

    /// <summary>The same in another repository's git (<see cref="Other"/>).</summary>
    public static async Task<string> PushHeadingAsync(GitRepositoryFixture repository, int number, string marker)
    {
        var sha = await repository.CommitAsync($"PR {number}: {marker}", tree =>
        {
            var template = Path.Combine(tree, "web", "templates", "index.html");
            var text = File.ReadAllText(template);
            var start = text.IndexOf("<h1>", StringComparison.Ordinal);
            var end = text.IndexOf("</h1>", start, StringComparison.Ordinal);
            File.WriteAllText(template, text[..start] + $"<h1>Skiff Shop {marker}" + text[end..]);
        }, branch: null);
        await repository.PushPullRequestAsync(number, sha);
        return sha;
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string eventName, string payload, string? delivery = null, string? signature = null) =>
        SendAsync(Deliveries, eventName, payload, delivery, signature);

    /// <summary>Sends a delivery signed as <paramref name="deliveries"/>' repository would (acme's <see cref="Deliveries"/>, or <see cref="Other"/>'s).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(WebhookDeliveries deliveries, string eventName, string payload, string? delivery = null, string? signature = null)
    {
        using var response = await deliveries.SendAsync(Server.Http, eventName, payload, delivery, signature);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    /// <summary>Waits until the environment serves <paramref name="sha"/> (Ready) or failed at it for good (not a failure the server is retrying).</summary>
    public async Task<EnvironmentDto> WaitForShaAsync(string environment, string sha, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        while (true)
        {
            var current = await Server.GetAsync(environment);
            // A failure that may pass (a fetch on a busy host) is retried by the server: it is not the outcome yet.
            var retrying = current?.Error?.Message.Contains("(retrying in", StringComparison.Ordinal) == true;
            if (current is { PullRequest.Sha: var at, Phase: "Ready" or "Failed" } && at == sha && current.ObservedGeneration >= current.Generation && !retrying)
                return current;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{environment} did not reach {sha[..7]}: {current?.Phase} at {current?.PullRequest?.Sha}");
            await Task.Delay(200);
        }
    }

    public async Task WaitGoneAsync(string environment)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await Server.GetAsync(environment) is not null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{environment} is still there");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the environment, at any generation, is in <paramref name="phase"/> (Failed fails the wait).</summary>
    public Task<EnvironmentDto> WaitForPhaseAsync(string environment, string phase, TimeSpan timeout) =>
        Server.WaitForPhaseAsync(environment, generation: 0, phase, timeout);

    /// <summary>The PR's comments on the fake GitHub once every queued report has been delivered.</summary>
    public async Task<IReadOnlyList<FakeIssueComment>> CommentsAsync(int number)
    {
        await FlushFeedbackAsync();
        return GitHub.State.Comments("acme/shop", number);
    }

    /// <summary>Polls the PR's comment (bounded) until it contains <paramref name="text"/>; the comment is written after the phase changes.</summary>
    public async Task<FakeIssueComment> WaitForCommentAsync(int number, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<FakeIssueComment> comments;
        while (!(comments = await CommentsAsync(number)).Any(c => c.Body.Contains(text, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return Assert.Single(comments);
    }

    public Task FlushFeedbackAsync() => Server.Services.GetRequiredService<IPullRequestReporter>().FlushAsync(CancellationToken.None);
}

/// <summary>A repository the test server serves: its name, its real git repository and its signed deliveries.</summary>
public sealed record ServedRepository(string FullName, GitRepositoryFixture Git, WebhookDeliveries Deliveries);
