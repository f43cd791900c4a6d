using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Skiff.Tests.Shared;

/// <summary>
/// A FAKE of GitHub's REST API for tests; it is not GitHub and knows nothing GitHub does not say in
/// its public REST reference. It is a real HTTP server on 127.0.0.1 (random port) answering exactly
/// what Skiff's reporter and GitHub App credentials call: deployments and their statuses, issue
/// comments, and installation access tokens, at the root (github.com style) or under <c>/api/v3</c>
/// (GitHub Enterprise style). Built from GitHub's REST API reference (API version 2022-11-28: the
/// deployment, deployment status, issue comment and installation token objects, pagination by
/// <c>Link</c> headers, the x-ratelimit-* headers, the primary and secondary rate limit answers) and
/// the object shapes of the real webhook payloads in shared/fixtures/github-webhooks. It records
/// every request (Authorization reduced to its scheme), holds the state a user would see on GitHub,
/// and can be told to fail or be slow.
/// </summary>
public sealed class FakeGitHubApi : IAsyncDisposable
{
    private const string Docs = "https://docs.github.com/rest";
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly FakeGitHubApps _apps;
    private readonly FakeGitHubRoutes _routes;
    private readonly Lock _gate = new();
    private readonly List<FakeGitHubRequest> _requests = [];
    private readonly List<FakeGitHubFailure> _failures = [];
    private readonly List<(string? PathContains, TimeSpan Delay)> _latencies = [];
    private readonly HashSet<string> _acceptedTokens = new(StringComparer.Ordinal);
    private long _sequence;
    private int _remaining = 5000;

    private FakeGitHubApi(WebApplication app, TimeProvider time, Uri baseUrl)
    {
        _app = app;
        _time = time;
        BaseUrl = baseUrl;
        State = new FakeGitHubState(time);
        _apps = new FakeGitHubApps(time);
        PullRequests = new FakeGitHubPullRequests(time);
        _routes = new FakeGitHubRoutes(State, _apps, new FakeGitHubJson(baseUrl)) { Pulls = PullRequests, PullJson = new FakePullRequestJson(baseUrl) };
    }

    /// <summary>The github.com-style API address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The same API as a GitHub Enterprise server would give it: <c>http://127.0.0.1:41234/api/v3/</c>.</summary>
    public Uri EnterpriseBaseUrl => new(BaseUrl, "api/v3/");

    /// <summary>Deployments, statuses and comments: what GitHub would show.</summary>
    public FakeGitHubState State { get; }

    /// <summary>Pull requests (open or closed) for <c>GET /repos/{o}/{r}/pulls/{n}</c>; unknown numbers answer 404.</summary>
    public FakeGitHubPullRequests PullRequests { get; }

    /// <summary>The JWTs apps sent, decoded, with why each was refused (if it was).</summary>
    public IReadOnlyList<FakeAppJwt> AppJwts => _apps.Jwts;

    /// <summary>Installation tokens the fake handed out (to check that none reaches a log).</summary>
    public IReadOnlyCollection<string> IssuedTokens => _apps.IssuedTokens;

    /// <summary>Every request so far, in the order they arrived.</summary>
    public IReadOnlyList<FakeGitHubRequest> Requests
    {
        get
        {
            lock (_gate)
                return _requests.OrderBy(r => r.Sequence).ToList();
        }
    }

    public static async Task<FakeGitHubApi> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        FakeGitHubApi? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeGitHubApi(app, time ?? TimeProvider.System, new Uri(address.TrimEnd('/') + "/"));
        return fake;
    }

    /// <summary>The requests with this method and path (exact, or up to a final <c>*</c>).</summary>
    public IReadOnlyList<FakeGitHubRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Is(method, path)).ToList();

    /// <summary>The next <see cref="FakeGitHubFailure.Count"/> matching requests fail; rules are tried in the order added.</summary>
    public void Fail(FakeGitHubFailure failure)
    {
        lock (_gate)
            _failures.Add(failure);
    }

    /// <summary>Every request (or those whose path contains <paramref name="pathContains"/>) waits this long before it is answered.</summary>
    public void Delay(TimeSpan delay, string? pathContains = null)
    {
        lock (_gate)
            _latencies.Add((pathContains, delay));
    }

    /// <summary>Removes injected failures and delays.</summary>
    public void Heal()
    {
        lock (_gate)
        {
            _failures.Clear();
            _latencies.Clear();
        }
    }

    /// <summary>A GitHub App installation whose JWTs are checked against <paramref name="publicKey"/>.</summary>
    public void RegisterApp(long appId, long installationId, RSA publicKey) => _apps.Register(appId, installationId, publicKey);

    /// <summary>
    /// From now on repository calls need this token or one the fake issued (401 Bad credentials
    /// otherwise). Until called (or until an app is registered), any Authorization is taken.
    /// </summary>
    public void AcceptToken(string token)
    {
        lock (_gate)
            _acceptedTokens.Add(token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var enterprise = path.StartsWith("/api/v3/", StringComparison.OrdinalIgnoreCase);
        if (enterprise)
            path = path["/api/v3".Length..];
        var at = _time.GetUtcNow();
        var body = await ReadBodyAsync(request, context.RequestAborted);

        var delay = DelayFor(path);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, context.RequestAborted);

        var answer = body.Invalid
            ? FakeGitHubAnswer.Error(400, "Problems parsing JSON")
            : FailureFor(request.Method, path) is { } failure
                ? Failed(failure)
                : Unauthorized(request, path) ?? _routes.Answer(request.Method, path, request.Query, body.Json, Authorization(request).Value);

        await WriteAsync(context, answer, path);
        Record(sequence, request, path, enterprise, body.Json, answer.Status, at);
    }

    private async Task WriteAsync(HttpContext context, FakeGitHubAnswer answer, string path)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        var remaining = Interlocked.Decrement(ref _remaining);
        var reset = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var headers = response.Headers;
        headers["server"] = "github.com";
        headers["x-github-api-version-selected"] = "2022-11-28";
        headers["x-github-media-type"] = "github.v3; format=json";
        headers["x-github-request-id"] = RequestId();
        headers["x-ratelimit-limit"] = "5000";
        headers["x-ratelimit-remaining"] = Math.Max(remaining, 0).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = reset.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = (5000 - Math.Max(remaining, 0)).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
        foreach (var (name, value) in answer.Headers)
            headers[name] = value;
        if (answer.Link is { } link)
            headers["link"] = link(new Uri(BaseUrl, path.TrimStart('/')).AbsoluteUri);
        if (answer.Status == 201 && answer.Body?["url"]?.GetValue<string>() is { } location)
            headers["location"] = location;
        if (answer.Body is not null)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
        }
    }

    private FakeGitHubAnswer Failed(FakeGitHubFailure failure)
    {
        var retryAfter = failure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return failure.Kind switch
        {
            FakeGitHubFailureKind.BadGateway => FakeGitHubAnswer.Error(502, "Server Error"),
            FakeGitHubFailureKind.SecondaryRateLimit => FakeGitHubAnswer.Error(403,
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID " + RequestId() + ".",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits") with { Headers = [("retry-after", retryAfter)] },
            FakeGitHubFailureKind.TooManyRequests => FakeGitHubAnswer.Error(429,
                "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits") with { Headers = [("retry-after", retryAfter)] },
            FakeGitHubFailureKind.PrimaryRateLimit => FakeGitHubAnswer.Error(403, "API rate limit exceeded for installation ID 1.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits") with
            {
                Headers =
                [
                    ("x-ratelimit-remaining", "0"),
                    ("x-ratelimit-used", "5000"),
                    ("x-ratelimit-reset", _time.GetUtcNow().AddSeconds(failure.RetryAfterSeconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                ],
            },
            FakeGitHubFailureKind.NotFound => FakeGitHubAnswer.Error(404, "Not Found"),
            FakeGitHubFailureKind.Unprocessable => FakeGitHubAnswer.Error(422, "Validation Failed", Docs,
                new JsonArray(new JsonObject { ["resource"] = "Deployment", ["code"] = "custom", ["message"] = "Environment is protected by a rule this request does not meet." })),
            _ => throw new ArgumentOutOfRangeException(nameof(failure)),
        };
    }

    private FakeGitHubFailure? FailureFor(string method, string path)
    {
        lock (_gate)
        {
            var index = _failures.FindIndex(f => f.Count > 0 && f.Matches(method, path));
            if (index < 0)
                return null;
            var failure = _failures[index];
            _failures[index] = failure with { Count = failure.Count == FakeGitHubFailure.Forever ? failure.Count : failure.Count - 1 };
            return failure;
        }
    }

    private TimeSpan DelayFor(string path)
    {
        lock (_gate)
        {
            var delay = TimeSpan.Zero;
            foreach (var (contains, value) in _latencies)
            {
                if ((contains is null || path.Contains(contains, StringComparison.Ordinal)) && value > delay)
                    delay = value;
            }
            return delay;
        }
    }

    private FakeGitHubAnswer? Unauthorized(HttpRequest request, string path)
    {
        if (!path.StartsWith("/repos/", StringComparison.Ordinal))
            return null;
        var (scheme, token) = Authorization(request);
        if (scheme is null || token is null)
            return FakeGitHubAnswer.Error(401, "Requires authentication");
        bool checking;
        lock (_gate)
            checking = _acceptedTokens.Count > 0 || _apps.IssuedTokens.Count > 0;
        if (!checking)
            return null;
        bool accepted;
        lock (_gate)
            accepted = _acceptedTokens.Contains(token);
        return accepted || _apps.Issued(token) ? null : FakeGitHubAnswer.Error(401, "Bad credentials");
    }

    private static (string? Scheme, string? Value) Authorization(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return (null, null);
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (header, null) : (header[..space], header[(space + 1)..].Trim());
    }

    private void Record(long sequence, HttpRequest request, string path, bool enterprise, JsonElement? body, int status, DateTimeOffset at)
    {
        var headers = request.Headers
            .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var (scheme, _) = Authorization(request);
        var recorded = new FakeGitHubRequest(sequence, request.Method, path, enterprise, request.QueryString.Value ?? "", headers, scheme is not null, scheme, body, status, at);
        lock (_gate)
            _requests.Add(recorded);
    }

    private static async Task<(JsonElement? Json, bool Invalid)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
            return (null, false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }

    private static string RequestId() =>
        string.Join(':', Convert.ToHexString(RandomNumberGenerator.GetBytes(2)), Convert.ToHexString(RandomNumberGenerator.GetBytes(2)),
            Convert.ToHexString(RandomNumberGenerator.GetBytes(3)), Convert.ToHexString(RandomNumberGenerator.GetBytes(3)), Convert.ToHexString(RandomNumberGenerator.GetBytes(4)));
}
