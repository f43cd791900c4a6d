using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Skiff.Core.Api;

namespace Skiff.Cli.Client;

/// <summary>The CLI's client of the server's REST API; turns every failure into a one-line <see cref="CliException"/>.</summary>
public sealed class SkiffApiClient(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };

    public Uri Server => server;

    public async Task<bool> IsUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await _http.GetAsync("healthz", timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<EnvironmentDto>> ListAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<EnvironmentDto>>(HttpMethod.Get, "api/v1/environments", null, cancellationToken)!;

    public Task<EnvironmentDto> GetAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<EnvironmentDto>(HttpMethod.Get, Path(name), null, cancellationToken);

    /// <summary>The environment, or null when it does not exist.</summary>
    public async Task<EnvironmentDto?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(name, cancellationToken);
        }
        catch (CliException exception) when (exception.ExitCode == ExitCodes.NotFound)
        {
            return null;
        }
    }

    public Task<EnvironmentDto> PutAsync(string name, EnvironmentRequest request, CancellationToken cancellationToken) =>
        SendAsync<EnvironmentDto>(HttpMethod.Put, Path(name), JsonContent.Create(request, options: SkiffJson.Options), cancellationToken);

    /// <summary>POST to one of an environment's actions (suspend, resume, extend); returns the environment.</summary>
    public Task<EnvironmentDto> ActAsync(string name, string action, HttpContent? body, CancellationToken cancellationToken) =>
        SendAsync<EnvironmentDto>(HttpMethod.Post, $"{Path(name)}/{action}", body, cancellationToken);

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Delete, Path(name)), HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>Streams log lines; the response stays open while following.</summary>
    public async Task<Stream> OpenLogsAsync(string name, string? service, int tail, bool follow, CancellationToken cancellationToken)
    {
        var query = $"{Path(name)}/logs?tail={tail}&follow={(follow ? "true" : "false")}";
        if (service is not null)
            query += $"&service={Uri.EscapeDataString(service)}";
        var response = await SendRawAsync(new HttpRequestMessage(HttpMethod.Get, query), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>Runs a janitor pass on the server now (<c>POST /api/v1/janitor</c>).</summary>
    public Task<Skiff.Core.Api.JanitorReport> RunJanitorAsync(bool dryRun, CancellationToken cancellationToken) =>
        SendAsync<Skiff.Core.Api.JanitorReport>(HttpMethod.Post, $"api/v1/janitor?dryRun={(dryRun ? "true" : "false")}", null, cancellationToken);

    /// <summary>Usage and cost per group (<c>GET /api/v1/cost</c>); <paramref name="since"/> null means this month.</summary>
    public Task<Skiff.Core.Api.CostReportDto> GetCostAsync(string by, string? since, CancellationToken cancellationToken) =>
        SendAsync<Skiff.Core.Api.CostReportDto>(HttpMethod.Get, $"api/v1/cost?by={Uri.EscapeDataString(by)}{(since is null ? "" : "&since=" + Uri.EscapeDataString(since))}", null, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string Path(string name) => $"api/v1/environments/{Uri.EscapeDataString(name)}";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(new HttpRequestMessage(method, path) { Content = content }, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(SkiffJson.Options, cancellationToken)
            ?? throw new CliException($"the server at {server} sent an empty answer to {method} /{path}");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException || exception.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CliException($"no Skiff server answers at {server} (start one with 'skiff serve', or set SKIFF_SERVER)", ExitCodes.ServerUnavailable);
        }
        if (response.IsSuccessStatusCode)
            return response;

        var message = await ReadErrorAsync(response, cancellationToken);
        response.Dispose();
        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new CliException(message, ExitCodes.NotFound),
            HttpStatusCode.BadRequest => new CliException(message, ExitCodes.Usage),
            _ => new CliException($"the server answered {(int)response.StatusCode}: {message}"),
        };
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ApiError>(SkiffJson.Options, cancellationToken);
            if (error?.Error is { Length: > 0 } text)
                return text;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException)
        {
        }
        return response.ReasonPhrase ?? "request failed";
    }
}
