using Skiff.Core.Api;
using Skiff.Server.GitHub;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.GitHub;

/// <summary>A fake GitHub on a real port and a started reporter pointed at it, with quick retries.</summary>
public sealed class ReporterHarness : IAsyncDisposable
{
    public const string Token = "ghp_testtoken0123456789abcdefABCDEF0123";

    private readonly List<GitHubPullRequestReporter> _reporters = [];

    private ReporterHarness(FakeGitHubApi fake, TimeProvider time, GitHubReporterOptions options)
    {
        Fake = fake;
        Time = time;
        Options = options;
        Credentials = new TokenCredentials(Token);
    }

    public FakeGitHubApi Fake { get; }

    public TimeProvider Time { get; }

    public GitHubReporterOptions Options { get; }

    public IGitHubCredentials Credentials { get; set; }

    public LogCapture<GitHubPullRequestReporter> Log { get; } = new();

    /// <summary>The reporter started last.</summary>
    public GitHubPullRequestReporter Reporter => _reporters[^1];

    public static GitHubReporterOptions QuickOptions { get; } = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        MaxAttempts = 5,
        MaxRetryDuration = TimeSpan.FromSeconds(5),
        SecondaryRateLimitWait = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
        LogUrlTemplate = "http://skiff.test:7070/api/v1/environments/{environment}",
    };

    public static async Task<ReporterHarness> StartAsync(GitHubReporterOptions? options = null, TimeProvider? time = null)
    {
        var fake = await FakeGitHubApi.StartAsync(time);
        var harness = new ReporterHarness(fake, time ?? TimeProvider.System, options ?? QuickOptions);
        await harness.StartReporterAsync();
        return harness;
    }

    /// <summary>A new reporter (as after a restart of the server); the old one is stopped first.</summary>
    public async Task<GitHubPullRequestReporter> StartReporterAsync()
    {
        if (_reporters.Count > 0)
            await StopAsync(Reporter);
        var reporter = new GitHubPullRequestReporter(Log, Time, Options);
        await reporter.StartAsync(CancellationToken.None);
        _reporters.Add(reporter);
        return reporter;
    }

    private long _generation;

    /// <summary>A state to report; each one of a newer environment generation than the last unless <paramref name="generation"/> says otherwise.</summary>
    public PullRequestFeedback Feedback(PullRequestEnvironmentState state, string sha, int number = 7, string repository = "shop", string owner = "octo-org",
        long? generation = null) => new()
    {
        Repository = new GitHubRepositoryAccess(owner, repository, Fake.BaseUrl, Credentials),
        PullRequest = number,
        Generation = generation ?? Interlocked.Increment(ref _generation),
        Environment = $"{repository}-pr-{number}",
        Sha = sha,
        State = state,
        Url = state == PullRequestEnvironmentState.Ready ? $"http://{repository}-pr-{number}.localhost:7070/" : null,
        Timings = state == PullRequestEnvironmentState.Ready ? new TimingsDto(1200, 10500, 2000, 850, 14550) : null,
        Error = state == PullRequestEnvironmentState.Failed
            ? new ErrorDto("api", "container exited with code 1", ["starting api", "Error: connect ECONNREFUSED db:5432"])
            : null,
    };

    /// <summary>Flushes the current reporter, failing the test after 15 seconds instead of hanging.</summary>
    public async Task FlushAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await Reporter.FlushAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var reporter in _reporters)
            await StopAsync(reporter);
        await Fake.DisposeAsync();
    }

    private static async Task StopAsync(GitHubPullRequestReporter reporter)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await reporter.StopAsync(timeout.Token);
        reporter.Dispose();
    }

    /// <summary>A 40-character commit id made from a small number (different in its first seven characters too).</summary>
    public static string Sha(int n) =>
        Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(n))).ToLowerInvariant();
}
