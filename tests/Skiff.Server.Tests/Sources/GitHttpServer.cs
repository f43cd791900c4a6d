using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Skiff.Server.Tests.Sources;

/// <summary>
/// A private git host on 127.0.0.1: Kestrel on port 0 in front of the real <c>git http-backend</c> (CGI),
/// answering 401 unless the request carries Basic auth for <c>x-access-token</c> with <see cref="Token"/>.
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _projectRoot;

    private GitHttpServer(WebApplication app, string projectRoot, string token)
    {
        _app = app;
        _projectRoot = projectRoot;
        Token = token;
    }

    public string Token { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every request's method, path and query, as received (to prove no token travels in a URL).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public int Unauthorized => _unauthorized;

    private int _unauthorized;

    /// <summary>Serves the bare repositories under <paramref name="projectRoot"/> (a repository <c>x.git</c> there is <c>{Address}x.git</c>).</summary>
    public static async Task<GitHttpServer> StartAsync(string projectRoot, string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new GitHttpServer(app, projectRoot, token);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public string UrlOf(string repository) => new Uri(Address, repository).AbsoluteUri;

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (!IsAuthorized(request.Headers.Authorization.ToString()))
        {
            Interlocked.Increment(ref _unauthorized);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"skiff-test\"";
            return;
        }
        await RunBackendAsync(context);
    }

    private bool IsAuthorized(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
            return false;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])) == $"x-access-token:{Token}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private async Task RunBackendAsync(HttpContext context)
    {
        var request = context.Request;
        var info = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("http-backend");
        foreach (var key in info.Environment.Keys.Where(key => key.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["HOME"] = _projectRoot;
        info.Environment["GIT_PROJECT_ROOT"] = _projectRoot;
        info.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        info.Environment["REQUEST_METHOD"] = request.Method;
        info.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        info.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        info.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        info.Environment["REMOTE_USER"] = "x-access-token";
        info.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.ContentLength is { } length)
            info.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
            info.Environment["GIT_PROTOCOL"] = protocol;
        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
            info.Environment["HTTP_CONTENT_ENCODING"] = encoding;

        using var process = Process.Start(info)!;
        var body = CopyBodyAsync(request.Body, process.StandardInput.BaseStream, context.RequestAborted);
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.BaseStream;
        await WriteHeadersAsync(output, context.Response);
        await output.CopyToAsync(context.Response.Body, context.RequestAborted);
        await body;
        await process.WaitForExitAsync(context.RequestAborted);
        await errors;
    }

    private static async Task CopyBodyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        await using (to)
            await from.CopyToAsync(to, cancellationToken);
    }

    /// <summary>Reads the CGI header block (until an empty line) and applies it to the response.</summary>
    private static async Task WriteHeadersAsync(Stream output, HttpResponse response)
    {
        while (await ReadLineAsync(output) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
                continue;
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            else
                response.Headers[name] = value;
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1 && one[0] != '\n')
            bytes.Add(one[0]);
        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
