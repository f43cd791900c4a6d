using System.Text.Json;
using Skiff.Runtime.Docker.Usage;

namespace Skiff.Runtime.Docker.Tests.Usage;

public sealed class DiskUsageParserTests
{
    [Fact]
    public void Reads_the_pre_1_52_layout_podman_sends()
    {
        // As Podman 4.3.1 answers GET /system/df (trimmed): no labels on the volumes.
        const string answer = """
            {"LayersSize":0,"Images":[],"Containers":[],
             "Volumes":[{"Driver":"","Labels":{},"Mountpoint":"","Name":"skiff-shop-db-data","Options":null,"Scope":"local","UsageData":{"RefCount":1,"Size":48071451}}],
             "BuildCache":[],"BuilderSize":0}
            """;

        var sizes = Parse(answer);

        Assert.Equal(48071451, sizes["skiff-shop-db-data"]);
    }

    [Fact]
    public void Reads_the_current_docker_layout()
    {
        const string answer = """
            {"VolumeUsage":{"ActiveCount":1,"TotalCount":2,"TotalSize":10,"Reclaimable":0,
             "Items":[{"Name":"a","Labels":{"dev.skiff.env":"x"},"UsageData":{"RefCount":1,"Size":10}},{"Name":"b","UsageData":{"RefCount":0,"Size":-1}}]}}
            """;

        var sizes = Parse(answer);

        Assert.Equal(10, sizes["a"]);
        Assert.Equal(-1, sizes["b"]);
    }

    [Fact]
    public void Missing_usage_data_is_unknown_and_odd_answers_give_nothing()
    {
        Assert.Equal(-1, Parse("""{"Volumes":[{"Name":"a"},{"Name":"b","UsageData":null}]}""")["a"]);
        Assert.Equal(-1, Parse("""{"Volumes":[{"Name":"b","UsageData":null}]}""")["b"]);
        Assert.Empty(Parse("""{"Volumes":null}"""));
        Assert.Empty(Parse("""{"Volumes":[{"Name":""},42]}"""));
        Assert.Empty(Parse("[]"));
    }

    [Fact]
    public void The_engine_error_message_is_read_from_its_json_answer()
    {
        // What Podman 4.3.1 answers (500) when a container is removed while df counts.
        const string podman = """{"cause":"no such container","message":"failed to get state of container 680e26: container 680e26 does not exist in database: no such container","response":500}""";

        Assert.Equal("failed to get state of container 680e26: container 680e26 does not exist in database: no such container", DiskUsageParser.ErrorMessage(podman));
        Assert.Null(DiskUsageParser.ErrorMessage("Internal Server Error"));
        Assert.Null(DiskUsageParser.ErrorMessage("{}"));
    }

    private static Dictionary<string, long> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DiskUsageParser.VolumeSizes(document.RootElement);
    }
}
