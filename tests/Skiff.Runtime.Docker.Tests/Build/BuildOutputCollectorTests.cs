using Docker.DotNet.Models;
using Skiff.Runtime.Docker.Build;

namespace Skiff.Runtime.Docker.Tests.Build;

public sealed class BuildOutputCollectorTests
{
    [Fact]
    public void Lines_split_across_messages_are_joined_and_passed_on_in_order()
    {
        var seen = new List<string>();
        var collector = new BuildOutputCollector(new Collect(seen));

        collector.Report(new JSONMessage { Stream = "STEP 1/2: FROM debian\nSTEP 2/2: RUN ma" });
        collector.Report(new JSONMessage { Stream = "ke\r\npartial" });
        collector.Complete();

        Assert.Equal(["STEP 1/2: FROM debian", "STEP 2/2: RUN make", "partial"], seen);
        Assert.Equal("STEP 2/2: RUN make", collector.CurrentStep);
        Assert.Null(collector.Error);
    }

    [Fact]
    public void An_error_in_the_stream_is_kept_with_the_failing_step()
    {
        var collector = new BuildOutputCollector(null);

        collector.Report(new JSONMessage { Stream = "Step 3/4 : RUN make test\n" });
        collector.Report(new JSONMessage { Stream = "test failed\n" });
        collector.Report(new JSONMessage { Error = new JSONError { Code = 2, Message = "The command '/bin/sh -c make test' returned a non-zero code: 2\n" } });

        Assert.Equal("The command '/bin/sh -c make test' returned a non-zero code: 2", collector.Error);
        Assert.Equal(
            "cannot build image web:1 at Step 3/4 : RUN make test: The command '/bin/sh -c make test' returned a non-zero code: 2",
            collector.FailureMessage("web:1", collector.Error!));
        Assert.Equal("test failed", collector.Tail[1]);
    }

    [Fact]
    public void The_tail_keeps_the_last_lines()
    {
        var collector = new BuildOutputCollector(null, tailLength: 3);

        for (var i = 1; i <= 10; i++)
            collector.Report(new JSONMessage { Stream = $"line {i}\n" });

        Assert.Equal(["line 8", "line 9", "line 10"], collector.Tail);
    }

    private sealed class Collect(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
