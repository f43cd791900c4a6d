using System.Collections.Concurrent;
using Octokit;
using Octokit.Internal;

namespace Skiff.Server.GitHub;

/// <summary>
/// One Octokit client per API address and credentials, made on first use. Every request and token
/// fetch is cancelled when <paramref name="stopping"/> is (Octokit's own calls take no token).
/// </summary>
internal sealed class GitHubClientPool(GitHubReporterOptions options, CancellationToken stopping) : IDisposable
{
    private readonly ConcurrentDictionary<(Uri Api, IGitHubCredentials Credentials), Lazy<(GitHubClient Client, IHttpClient Http)>> _clients = new();

    public IGitHubClient For(GitHubRepositoryAccess repository) =>
        _clients.GetOrAdd((GitHubApiUrls.Normalize(repository.ApiBaseUrl), repository.Credentials), key => new(() => Create(key.Api, key.Credentials))).Value.Client;

    public void Dispose()
    {
        foreach (var lazy in _clients.Values)
        {
            if (lazy.IsValueCreated)
                lazy.Value.Http.Dispose();
        }
        _clients.Clear();
    }

    private (GitHubClient, IHttpClient) Create(Uri api, IGitHubCredentials credentials)
    {
        var http = new StoppableHttpClient(new HttpClientAdapter(HttpMessageHandlerFactory.CreateDefault), stopping);
        http.SetRequestTimeout(options.RequestTimeout);
        var connection = new Connection(new ProductHeaderValue("skiff"), api, new CredentialStore(credentials, stopping), http, new SimpleJsonSerializer());
        return (new GitHubClient(connection), http);
    }

    /// <summary>Octokit's view of <see cref="IGitHubCredentials"/>: a bearer token per request.</summary>
    private sealed class CredentialStore(IGitHubCredentials credentials, CancellationToken stopping) : ICredentialStore
    {
        public async Task<Credentials> GetCredentials() =>
            new(await credentials.GetTokenAsync(stopping), AuthenticationType.Bearer);
    }

    /// <summary>Octokit's HTTP client with the reporter's stopping token linked into every request.</summary>
    private sealed class StoppableHttpClient(IHttpClient inner, CancellationToken stopping) : IHttpClient
    {
        public async Task<IResponse> Send(IRequest request, CancellationToken cancellationToken, Func<object, object>? preprocessResponseBody = null)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
            return await inner.Send(request, linked.Token, preprocessResponseBody);
        }

        public void SetRequestTimeout(TimeSpan timeout) => inner.SetRequestTimeout(timeout);

        public void Dispose() => inner.Dispose();
    }
}
