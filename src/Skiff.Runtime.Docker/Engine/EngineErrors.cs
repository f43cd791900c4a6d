using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Engine;

/// <summary>Turns Docker.DotNet and transport exceptions into one-line <see cref="DriverException"/>s.</summary>
internal static class EngineErrors
{
    public static bool IsNotFound(Exception e) => e is DockerApiException { StatusCode: HttpStatusCode.NotFound };

    public static bool IsConflict(Exception e) => e is DockerApiException { StatusCode: HttpStatusCode.Conflict };

    /// <summary>True for the failures that mean "the engine said no" or "the engine is not there".</summary>
    public static bool IsEngineFailure(Exception e) =>
        e is DockerApiException or HttpRequestException or IOException or SocketException or TimeoutException or DockerConfigurationException;

    public static DriverException ToDriverException(Exception e, string operation, Uri endpoint) => e switch
    {
        DockerApiException api => new DriverException($"cannot {operation}: {Describe(api)}", e),
        _ => new DriverException($"cannot {operation}: no container engine answers at {endpoint} ({TransportReason(e, endpoint)})", e),
    };

    /// <summary>
    /// Why a connection failed. A missing unix socket file surfaces from .NET as "Cannot assign
    /// requested address", which misleads; say plainly that the file is not there.
    /// </summary>
    public static string TransportReason(Exception e, Uri endpoint) =>
        endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath) ? $"no socket file at {endpoint.LocalPath}" : Innermost(e);

    /// <summary>The engine's own message: Docker and Podman both answer errors with a JSON body holding <c>message</c>.</summary>
    public static string Describe(DockerApiException e)
    {
        var body = e.ResponseBody?.Trim();
        if (!string.IsNullOrEmpty(body) && body.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                    return OneLine(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: fall back to the raw body.
            }
        }
        return string.IsNullOrEmpty(body) ? $"the engine answered {(int)e.StatusCode} {e.StatusCode}" : OneLine(body);
    }

    /// <summary>The message of the innermost exception, which names the real cause (e.g. "Connection refused").</summary>
    public static string Innermost(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
            inner = inner.InnerException;
        return OneLine(inner.Message);
    }

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
