using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Skiff.Server.GitHub;
using Skiff.Tests.Shared;
using State = Skiff.Server.GitHub.PullRequestEnvironmentState;

namespace Skiff.Server.Tests.GitHub;

/// <summary>GitHub App authentication against the fake: the JWT it checks, the installation token and its cache.</summary>
public sealed class GitHubAppCredentialsTests : IAsyncLifetime
{
    private const long AppId = 123456;
    private const long InstallationId = 987654;
    private readonly RSA _key = RSA.Create(2048);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private FakeGitHubApi _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeGitHubApi.StartAsync(_time);
        _fake.RegisterApp(AppId, InstallationId, _key);
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task The_JWT_is_RS256_from_the_app_and_lives_at_most_ten_minutes()
    {
        using var credentials = Credentials();

        var token = await credentials.GetTokenAsync(CancellationToken.None);

        Assert.Contains(token, _fake.IssuedTokens);
        var jwt = Assert.Single(_fake.AppJwts);
        Assert.Null(jwt.Problem);
        Assert.Equal("RS256", jwt.Algorithm);
        Assert.Equal("JWT", jwt.Type);
        Assert.Equal(AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), jwt.Issuer);
        Assert.True(jwt.SignatureValid);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-60).ToUnixTimeSeconds(), jwt.IssuedAt);
        Assert.InRange(jwt.ExpiresAt - jwt.IssuedAt, 1, 600);
        var exchange = Assert.Single(_fake.RequestsTo("POST", $"/app/installations/{InstallationId}/access_tokens"));
        Assert.Equal("Bearer", exchange.AuthorizationScheme);
        Assert.Equal("2022-11-28", exchange.Headers["x-github-api-version"]);
    }

    [Fact]
    public async Task The_installation_token_is_cached_until_five_minutes_before_it_expires()
    {
        using var credentials = Credentials();

        var first = await credentials.GetTokenAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal(first, await credentials.GetTokenAsync(CancellationToken.None));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => credentials.GetTokenAsync(CancellationToken.None)));
        Assert.All(concurrent, t => Assert.Equal(first, t));
        Assert.Single(_fake.AppJwts);

        _time.Advance(TimeSpan.FromMinutes(2));
        var second = await credentials.GetTokenAsync(CancellationToken.None);
        Assert.NotEqual(first, second);
        Assert.Equal(2, _fake.AppJwts.Count);
    }

    [Fact]
    public async Task The_reporter_delivers_with_the_installation_token_and_fetches_it_once()
    {
        using var credentials = Credentials();
        var log = new LogCapture<GitHubPullRequestReporter>();
        var reporter = new GitHubPullRequestReporter(log, _time, ReporterHarness.QuickOptions);
        await reporter.StartAsync(CancellationToken.None);
        try
        {
            foreach (var state in new[] { State.Queued, State.Deploying, State.Ready })
            {
                reporter.Report(new PullRequestFeedback
                {
                    Repository = new GitHubRepositoryAccess("octo-org", "shop", _fake.BaseUrl, credentials),
                    PullRequest = 3,
                    Environment = "shop-pr-3",
                    Sha = ReporterHarness.Sha(40),
                    State = state,
                    Url = "http://shop-pr-3.localhost:7070/",
                });
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await reporter.FlushAsync(timeout.Token);
            }
        }
        finally
        {
            await reporter.StopAsync(CancellationToken.None);
            reporter.Dispose();
        }

        Assert.Empty(reporter.LastErrors);
        Assert.Single(_fake.AppJwts);
        var token = Assert.Single(_fake.IssuedTokens);
        // Every repository call was accepted, so each carried the issued token.
        Assert.All(_fake.Requests.Where(r => r.Path.StartsWith("/repos/", StringComparison.Ordinal)), r => Assert.InRange(r.Status, 200, 201));
        Assert.Single(_fake.State.Comments("octo-org/shop", 3));
        Assert.DoesNotContain(token, log.All);
    }

    [Fact]
    public async Task The_exchange_works_on_a_GitHub_Enterprise_address()
    {
        using var credentials = new GitHubAppCredentials(AppId, InstallationId, _key.ExportRSAPrivateKeyPem(), _fake.EnterpriseBaseUrl, _time);

        await credentials.GetTokenAsync(CancellationToken.None);

        Assert.Single(_fake.Requests, r => r.Path == $"/app/installations/{InstallationId}/access_tokens" && r.Status == 201);
    }

    [Fact]
    public async Task A_refused_JWT_gives_a_clear_error_without_the_JWT()
    {
        using var other = RSA.Create(2048);
        using var credentials = new GitHubAppCredentials(AppId, InstallationId, other.ExportPkcs8PrivateKeyPem(), _fake.BaseUrl, _time);

        var error = await Assert.ThrowsAsync<GitHubCredentialsException>(() => credentials.GetTokenAsync(CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal($"GitHubAppCredentials(app {AppId}, installation {InstallationId}): the token exchange answered 401 A JSON web token could not be decoded", error.Message);
        Assert.False(Assert.Single(_fake.AppJwts).SignatureValid);
    }

    [Fact]
    public void A_key_that_is_not_PEM_is_refused_without_showing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new GitHubAppCredentials(AppId, InstallationId, "not-a-key-s3cr3t", _fake.BaseUrl, _time));

        Assert.DoesNotContain("s3cr3t", error.Message);
        Assert.Contains("not an RSA key in PEM form", error.Message);
    }

    [Fact]
    public async Task Token_credentials_give_their_token_and_never_print_it()
    {
        var credentials = new TokenCredentials(" ghp_abc \n");

        Assert.Equal("ghp_abc", await credentials.GetTokenAsync(CancellationToken.None));
        Assert.DoesNotContain("ghp_abc", credentials.ToString());
        Assert.DoesNotContain("ghp_abc", new GitHubRepositoryAccess("o", "r", _fake.BaseUrl, credentials).ToString());
        Assert.Throws<ArgumentException>(() => new TokenCredentials(" "));
        Assert.Equal(credentials, new TokenCredentials("ghp_abc"));
        Assert.NotEqual(credentials, new TokenCredentials("ghp_abd"));
    }

    private GitHubAppCredentials Credentials() =>
        new(AppId, InstallationId, _key.ExportRSAPrivateKeyPem(), _fake.BaseUrl, _time);
}
