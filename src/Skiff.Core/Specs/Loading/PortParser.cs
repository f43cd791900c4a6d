using System.Globalization;
using System.Net;

namespace Skiff.Core.Specs.Loading;

/// <summary>
/// Compose <c>ports:</c> entries: the short syntax <c>[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]</c>
/// (ports may be ranges such as <c>3000-3005</c>, which expand; IPv6 host addresses in brackets)
/// and the long syntax <c>{target, published, host_ip, protocol}</c>.
/// </summary>
internal static class PortParser
{
    public const int MaxRange = 1000;

    private static readonly HashSet<string> LongKeys = ["target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"];

    public static IReadOnlyList<PortSpec> Parse(YNode item, string path, NodeReader read)
    {
        switch (item)
        {
            case YScalar { IsNull: false } scalar:
                return ParseShort(scalar, path, read.Diagnostics);
            case YMapping mapping:
                return ParseLong(mapping, path, read);
            default:
                read.Diagnostics.Error(item, path, $"expected a port such as \"8080:80\" or a mapping with 'target', found {item.Describe()}");
                return [];
        }
    }

    private static IReadOnlyList<PortSpec> ParseShort(YScalar scalar, string path, Diagnostics diagnostics)
    {
        var text = scalar.Value.Trim();
        string Expected() => $"'{text}' is not a port; expected CONTAINER_PORT, HOST_PORT:CONTAINER_PORT or HOST_IP:HOST_PORT:CONTAINER_PORT, optionally with /tcp or /udp, such as \"8080:80\"";

        var protocol = "tcp";
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..].ToLowerInvariant();
            text = text[..slash];
        }

        string? hostIp = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                diagnostics.Error(scalar, path, Expected());
                return [];
            }
            hostIp = text[1..close];
            text = text[(close + 2)..];
        }

        var parts = text.Split(':');
        string? published = null;
        string target;
        switch (parts.Length)
        {
            case 1:
                target = parts[0];
                break;
            case 2:
                (published, target) = (parts[0], parts[1]);
                break;
            default:
                if (hostIp is not null)
                {
                    diagnostics.Error(scalar, path, Expected());
                    return [];
                }
                hostIp = string.Join(':', parts[..^2]);
                (published, target) = (parts[^2], parts[^1]);
                break;
        }
        return Build(scalar, path, diagnostics, target, published, hostIp, protocol, Expected);
    }

    private static IReadOnlyList<PortSpec> ParseLong(YMapping mapping, string path, NodeReader read)
    {
        string? target = null, published = null, hostIp = null, protocol = "tcp";
        foreach (var (key, value) in mapping.Entries.Select(e => (e.Key, e.Value)))
        {
            var keyPath = KeyPaths.Child(path, key.Value);
            switch (key.Value)
            {
                case "target":
                    target = read.String(value, keyPath, "a container port number");
                    break;
                case "published":
                    published = read.String(value, keyPath, "a host port number or range");
                    break;
                case "host_ip":
                    hostIp = read.String(value, keyPath, "an IP address");
                    break;
                case "protocol":
                    protocol = read.String(value, keyPath, "tcp or udp")?.ToLowerInvariant() ?? "tcp";
                    break;
                case var other when LongKeys.Contains(other) || other.StartsWith("x-", StringComparison.Ordinal):
                    break;
                default:
                    read.Diagnostics.Error(key, keyPath, $"unknown key '{key.Value}' in a port; expected target, published, host_ip, protocol, mode, name or app_protocol");
                    break;
            }
        }
        if (target is null)
        {
            read.Diagnostics.Error(mapping, path, "a port in the long syntax needs 'target', the container port");
            return [];
        }
        return Build(mapping, path, read.Diagnostics, target, published, hostIp, protocol,
            () => $"'{target}' is not a container port; expected a number from 1 to 65535");
    }

    private static IReadOnlyList<PortSpec> Build(YNode at, string path, Diagnostics diagnostics, string target, string? published,
        string? hostIp, string protocol, Func<string> expected)
    {
        if (protocol is not ("tcp" or "udp"))
        {
            diagnostics.Error(at, path, $"protocol '{protocol}' is not supported; expected tcp or udp");
            return [];
        }
        if (string.IsNullOrWhiteSpace(hostIp))
            hostIp = null;
        else if (!IsIpAddress(hostIp))
        {
            diagnostics.Error(at, path, $"'{hostIp}' is not an IP address; expected a host address such as 127.0.0.1");
            return [];
        }

        if (!TryRange(target, allowZero: false, out var targetFrom, out var targetTo))
        {
            diagnostics.Error(at, path, expected());
            return [];
        }
        int? hostFrom = null, hostTo = null;
        if (!string.IsNullOrWhiteSpace(published))
        {
            if (!TryRange(published, allowZero: true, out var from, out var to))
            {
                diagnostics.Error(at, path, expected());
                return [];
            }
            if (from != 0)
                (hostFrom, hostTo) = (from, to);
        }

        var count = targetTo - targetFrom + 1;
        if (count > MaxRange)
        {
            diagnostics.Error(at, path, $"the range publishes {count} ports; at most {MaxRange} are allowed");
            return [];
        }
        var hostCount = hostFrom is null ? 0 : hostTo!.Value - hostFrom.Value + 1;
        if (count > 1 && hostCount > 0 && hostCount != count)
        {
            diagnostics.Error(at, path, $"the container range has {count} ports but the host range has {hostCount}; give ranges of the same length");
            return [];
        }

        var ports = new List<PortSpec>(count);
        for (var i = 0; i < count; i++)
        {
            // A host range for a single container port lets the engine pick any port of it: Skiff keeps no host port then.
            int? host = hostCount == 0 ? null : count > 1 ? hostFrom + i : hostCount == 1 ? hostFrom : null;
            ports.Add(new PortSpec(targetFrom + i, host, protocol, hostIp) { Location = at.Location });
        }
        return ports;
    }

    /// <summary>An IPv4 address in dotted form or an IPv6 address (IPAddress alone would also take "80" as 0.0.0.80).</summary>
    private static bool IsIpAddress(string text) =>
        IPAddress.TryParse(text, out var address) &&
        (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    private static bool TryRange(string text, bool allowZero, out int from, out int to)
    {
        text = text.Trim();
        var dash = text.IndexOf('-');
        var ok = dash < 0
            ? TryPort(text, allowZero, out from) & TryPort(text, allowZero, out to)
            : TryPort(text[..dash], allowZero, out from) & TryPort(text[(dash + 1)..], allowZero, out to);
        return ok && from <= to && (from != 0 || to == 0);
    }

    private static bool TryPort(string text, bool allowZero, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535 && (port > 0 || allowZero);
}
