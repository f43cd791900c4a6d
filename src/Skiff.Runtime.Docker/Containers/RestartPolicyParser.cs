using System.Globalization;
using Docker.DotNet.Models;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Containers;

/// <summary>Maps a Compose restart word (no, always, on-failure[:N], unless-stopped) to the engine's policy.</summary>
internal static class RestartPolicyParser
{
    public static RestartPolicy Parse(string? restart)
    {
        var word = restart?.Trim() ?? "";
        switch (word)
        {
            case "" or "no":
                return new RestartPolicy { Name = RestartPolicyKind.No };
            case "always":
                return new RestartPolicy { Name = RestartPolicyKind.Always };
            case "unless-stopped":
                return new RestartPolicy { Name = RestartPolicyKind.UnlessStopped };
            case "on-failure":
                return new RestartPolicy { Name = RestartPolicyKind.OnFailure };
        }
        const string prefix = "on-failure:";
        if (word.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(word.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var retries))
        {
            return new RestartPolicy { Name = RestartPolicyKind.OnFailure, MaximumRetryCount = retries };
        }
        throw new DriverException($"unknown restart policy '{restart}' (expected no, always, on-failure[:N] or unless-stopped)");
    }
}
