using System.Formats.Tar;
using Skiff.Core.Hashing;
using Skiff.Runtime.Docker.Build;
using Skiff.Runtime.Docker.Tests.Infrastructure;

namespace Skiff.Runtime.Docker.Tests.Build;

public sealed class BuildContextArchiveTests
{
    [Fact]
    public async Task The_archive_holds_exactly_the_listed_entries_with_modes_and_symlinks()
    {
        using var context = new TempDirectory();
        context.Write("Dockerfile", "FROM scratch\n");
        context.Write(".dockerignore", "secret.txt\n");
        context.Write("secret.txt", "no");
        context.Write("src/app.txt", "app");
        var tool = context.Write("bin/tool", "#!/bin/sh\n");
        File.SetUnixFileMode(tool, (UnixFileMode)0b111_101_000);
        File.CreateSymbolicLink(Path.Combine(context.Path, "current"), "src/app.txt");
        var entries = BuildContextFiles.List(context.Path, "Dockerfile");

        var archived = await ReadAsync(entries);

        Assert.Equal(entries.Select(e => e.RelativePath.TrimEnd('/')), archived.Keys);
        Assert.DoesNotContain("secret.txt", archived.Keys);
        Assert.Equal(TarEntryType.SymbolicLink, archived["current"].EntryType);
        Assert.Equal("src/app.txt", archived["current"].LinkName);
        Assert.Equal((UnixFileMode)0b111_101_000, archived["bin/tool"].Mode);
        Assert.Equal(TarEntryType.Directory, archived["src"].EntryType);
        Assert.Equal(TarEntryType.RegularFile, archived["src/app.txt"].EntryType);
    }

    [Fact]
    public async Task A_streamed_archive_delivers_a_context_larger_than_the_pipe()
    {
        using var context = new TempDirectory();
        context.Write("Dockerfile", "FROM scratch\n");
        var big = new byte[5 << 20];
        new Random(7).NextBytes(big);
        context.Write("big.bin", big);
        var entries = BuildContextFiles.List(context.Path, "Dockerfile");

        await using var archive = BuildContextArchive.Stream(entries, CancellationToken.None);
        using var copy = new MemoryStream();
        await archive.Content.CopyToAsync(copy);

        copy.Position = 0;
        using var reader = new TarReader(copy);
        byte[]? read = null;
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name == "big.bin")
            {
                using var data = new MemoryStream();
                await entry.DataStream!.CopyToAsync(data);
                read = data.ToArray();
            }
        }
        Assert.Equal(big, read);
        Assert.Null(await archive.WriterFailureAsync());
    }

    [Fact]
    public async Task Disposing_an_unread_archive_stops_its_writer()
    {
        using var context = new TempDirectory();
        context.Write("Dockerfile", "FROM scratch\n");
        context.Write("big.bin", new byte[4 << 20]);
        var entries = BuildContextFiles.List(context.Path, "Dockerfile");

        var archive = BuildContextArchive.Stream(entries, CancellationToken.None);
        var disposing = archive.DisposeAsync().AsTask();

        Assert.Same(disposing, await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    private static async Task<Dictionary<string, TarEntry>> ReadAsync(IReadOnlyList<ContextEntry> entries)
    {
        using var buffer = new MemoryStream();
        await BuildContextArchive.WriteAsync(entries, buffer, CancellationToken.None);
        buffer.Position = 0;
        var result = new Dictionary<string, TarEntry>();
        using var reader = new TarReader(buffer);
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            result[entry.Name.TrimEnd('/')] = entry;
        return result;
    }
}
