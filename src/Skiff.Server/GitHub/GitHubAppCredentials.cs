using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Skiff.Server.GitHub;

/// <summary>
/// Authenticates as one installation of a GitHub App: signs a JWT with the app's private key and
/// exchanges it for an installation token (<c>POST /app/installations/{id}/access_tokens</c>),
/// kept until <see cref="RefreshMargin"/> before it expires. Concurrent callers share one exchange.
/// </summary>
public sealed class GitHubAppCredentials : IGitHubCredentials, IDisposable
{
    /// <summary>How long before its expiry a cached installation token is replaced.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly long _appId;
    private readonly long _installationId;
    private readonly RSA _key;
    private readonly Uri _tokenUrl;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SemaphoreSlim _exchange = new(1, 1);
    private InstallationToken? _cached;

    /// <param name="apiBaseUrl">https://api.github.com/ or a GitHub Enterprise https://host/api/v3/.</param>
    /// <param name="http">Used as is (no base address needed); a private one is made when null.</param>
    public GitHubAppCredentials(long appId, long installationId, string privateKeyPem, Uri apiBaseUrl, TimeProvider time, HttpClient? http = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(appId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(installationId);
        _appId = appId;
        _installationId = installationId;
        _key = ImportKey(appId, privateKeyPem);
        _tokenUrl = new Uri(GitHubApiUrls.Normalize(apiBaseUrl), $"app/installations/{installationId.ToString(CultureInfo.InvariantCulture)}/access_tokens");
        _time = time;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } token)
            return token;
        await _exchange.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_cached) is { } raced)
                return raced;
            var fetched = await ExchangeAsync(cancellationToken);
            _cached = fetched;
            return fetched.Token;
        }
        finally
        {
            _exchange.Release();
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        _exchange.Dispose();
        if (_ownsHttp)
            _http.Dispose();
    }

    public override string ToString() => $"GitHubAppCredentials(app {_appId}, installation {_installationId})";

    private string? Fresh(InstallationToken? token) =>
        token is not null && _time.GetUtcNow() < token.ExpiresAt - RefreshMargin ? token.Token : null;

    private async Task<InstallationToken> ExchangeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubAppJwt.Create(_appId, _key, _time.GetUtcNow()));
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.UserAgent.ParseAdd("skiff");
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new GitHubCredentialsException($"{this}: the token exchange at {_tokenUrl} failed: {e.Message}", null, e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var message = await ReadMessageAsync(response, cancellationToken);
                throw new GitHubCredentialsException($"{this}: the token exchange answered {(int)response.StatusCode} {message}".TrimEnd(), response.StatusCode);
            }
            var body = await response.Content.ReadFromJsonAsync<AccessTokenAnswer>(cancellationToken);
            if (body?.Token is not { Length: > 0 } token || body.ExpiresAt is not { } expiresAt)
                throw new GitHubCredentialsException($"{this}: the token exchange answered without a token or expires_at", response.StatusCode);
            return new InstallationToken(token, expiresAt);
        }
    }

    private static async Task<string> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorAnswer>(cancellationToken);
            return error?.Message ?? "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    private static RSA ImportKey(long appId, string privateKeyPem)
    {
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            return key;
        }
        catch (ArgumentException)
        {
            key.Dispose();
            // The key's text stays out of the message.
            throw new ArgumentException($"the private key of GitHub App {appId} is not an RSA key in PEM form", nameof(privateKeyPem));
        }
    }

    private sealed record InstallationToken(string Token, DateTimeOffset ExpiresAt);

    private sealed record AccessTokenAnswer(
        [property: JsonPropertyName("token")] string? Token,
        [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

    private sealed record ErrorAnswer([property: JsonPropertyName("message")] string? Message);
}
