using System.Security.Cryptography;
using System.Text;
using Skiff.Core.Runtime;

namespace Skiff.Runtime.Docker.Tests.Infrastructure;

/// <summary>Images the tests build, tagged by their content so a rerun finds them and skips the build.</summary>
public static class TestImages
{
    public const string BusyboxDockerfile = """
        FROM debian:bookworm-slim
        RUN apt-get update && apt-get install -y --no-install-recommends busybox && rm -rf /var/lib/apt/lists/*
        RUN mkdir -p /www && echo skiff-test-page > /www/index.html
        """;

    public static Task<string> EnsureBusyboxAsync(DockerDriver driver) =>
        EnsureAsync(driver, "busybox", new Dictionary<string, string> { ["Dockerfile"] = BusyboxDockerfile });

    /// <summary>Builds the files into an image unless an image of the same content exists; returns its tag.</summary>
    public static async Task<string> EnsureAsync(DockerDriver driver, string name, IReadOnlyDictionary<string, string> files)
    {
        var tag = $"localhost/skiff-test/{name}:{ContentHash(files)}";
        if (await driver.ImageExistsAsync(tag, CancellationToken.None))
            return tag;
        using var context = new TempDirectory();
        foreach (var (path, text) in files)
            context.Write(path, text);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await driver.BuildImageAsync(new ImageBuildRequest { Context = context.Path, Tag = tag }, null, timeout.Token);
        return tag;
    }

    public static string ContentHash(IReadOnlyDictionary<string, string> files)
    {
        var text = string.Join("\0", files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}\0{f.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
