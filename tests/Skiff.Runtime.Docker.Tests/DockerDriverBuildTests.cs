using System.Collections.Immutable;
using System.Security.Cryptography;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests;

public sealed class DockerDriverBuildTests(EngineFixture engine, ITestOutputHelper output) : EngineTest(engine, output)
{
    private const string ContextDockerfile = """
        FROM debian:bookworm-slim AS base
        ARG GREETING
        COPY . /ctx
        RUN test -x /ctx/run.sh && test ! -x /ctx/data/file.txt \
         && test -L /ctx/link && [ "$(readlink /ctx/link)" = "data/file.txt" ] && [ "$(cat /ctx/link)" = "payload" ] \
         && test ! -e /ctx/ignored.txt && test ! -e /ctx/logs \
         && [ "$GREETING" = "hello-arg" ]
        ARG BIG_SHA
        RUN echo "$BIG_SHA  /ctx/big.bin" | sha256sum -c
        FROM base AS final
        RUN echo final-stage-ran
        FROM base AS broken
        RUN echo the-broken-stage-must-not-run && false
        """;

    [Fact]
    public async Task Builds_exactly_the_context_files_with_modes_symlinks_args_target_and_labels()
    {
        using var context = new TempDirectory();
        context.Write("Dockerfile", ContextDockerfile);
        context.Write(".dockerignore", "ignored.txt\nlogs/\n");
        context.Write("data/file.txt", "payload");
        context.Write("ignored.txt", "must not be sent");
        context.Write("logs/today.log", "must not be sent");
        var script = context.Write("run.sh", "#!/bin/sh\necho run\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(context.Path, "link"), "data/file.txt");
        // Larger than the pipe's buffer, so the archive streams with back-pressure; the same bytes every run keep the cache warm.
        var big = new byte[3 << 20];
        new Random(42).NextBytes(big);
        context.Write("big.bin", big);
        var tag = $"localhost/skiff-test/context:{TestImages.ContentHash(new Dictionary<string, string> { ["Dockerfile"] = ContextDockerfile })}";
        var lines = new List<string>();

        await Driver.BuildImageAsync(new ImageBuildRequest
        {
            Context = context.Path,
            Tag = tag,
            Target = "final",
            Args = ImmutableSortedDictionary<string, string>.Empty
                .Add("GREETING", "hello-arg")
                .Add("BIG_SHA", Convert.ToHexStringLower(SHA256.HashData(big))),
            Labels = ImmutableSortedDictionary<string, string>.Empty.Add("dev.skiff.test", "context-build"),
        }, new SynchronousProgress(lines.Add), Timeout(180));

        Assert.Contains(lines, l => l.Contains("final-stage-ran", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("the-broken-stage-must-not-run", StringComparison.Ordinal));
        var image = await Engine.Client.Images.InspectImageAsync(tag, Timeout());
        Assert.Equal("context-build", image.Config!.Labels!["dev.skiff.test"]);
    }

    [Fact]
    public async Task A_failing_step_throws_with_its_output_in_the_log_tail()
    {
        using var context = new TempDirectory();
        var marker = $"failing-output-{Guid.NewGuid():N}";
        context.Write("Dockerfile", $"FROM debian:bookworm-slim\nRUN echo {marker} && exit 7\n");
        var lines = new List<string>();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => Driver.BuildImageAsync(
            new ImageBuildRequest { Context = context.Path, Tag = $"localhost/skiff-test/failing:{Env}" },
            new SynchronousProgress(lines.Add), Timeout(120)));

        Output.WriteLine(error.Message);
        Assert.Contains(error.LogTail, l => l == marker);
        Assert.Contains($"RUN echo {marker}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.LogTail.Count <= 30);
        Assert.Contains(marker, lines);
        Assert.False(await Driver.ImageExistsAsync($"localhost/skiff-test/failing:{Env}", Timeout()));
    }

    [Fact]
    public async Task A_dockerfile_that_does_not_parse_is_a_build_failure()
    {
        using var context = new TempDirectory();
        context.Write("Dockerfile", "FROMM debian:bookworm-slim\n");

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => Driver.BuildImageAsync(
            new ImageBuildRequest { Context = context.Path, Tag = $"localhost/skiff-test/unparsable:{Env}" }, null, Timeout()));

        Output.WriteLine(error.Message);
        Assert.NotEmpty(error.LogTail);
    }

    [Fact]
    public async Task A_missing_dockerfile_is_a_build_failure_naming_it()
    {
        using var context = new TempDirectory();

        var error = await Assert.ThrowsAsync<BuildFailedException>(() => Driver.BuildImageAsync(
            new ImageBuildRequest { Context = context.Path, Dockerfile = "deploy/web.Dockerfile", Tag = $"localhost/skiff-test/none:{Env}" }, null, Timeout()));

        Assert.Contains("web.Dockerfile", error.Message);
    }

    private sealed class SynchronousProgress(Action<string> handler) : IProgress<string>
    {
        public void Report(string value) => handler(value);
    }
}
