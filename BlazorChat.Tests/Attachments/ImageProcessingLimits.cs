using BlazorChat.Core.Attachments;
using BlazorChat.Core.Attachments.Images;
using BlazorChat.Core.Common;
using BlazorChat.Tests.Infrastructure;
using BlazorChat.Tests.Messages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorChat.Tests.Attachments;

/// <summary>
/// A hostile or merely huge image costs one upload, not the server: at most N images are processed
/// at once (the others wait in line, and the composer says so), each within a time limit and an
/// allocation limit.
/// </summary>
public sealed class ImageProcessingLimits
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static Task<ChatTestHost> HostWithAsync(Dictionary<string, string?> settings) =>
        ChatTestHost.CreateAsync(TestDatabase.Sqlite, extraSettings: settings);

    [Fact]
    public async Task Of_N_plus_one_images_at_once_N_are_processed_and_one_waits_its_turn()
    {
        using var slots = new ImageSlots(Options.Create(new ImageOptions { MaxConcurrent = 2 }));
        var waited = new List<int>();

        var entering = Enumerable.Range(0, 3).Select(i => slots.EnterAsync(() => { lock (waited) waited.Add(i); }, CancellationToken.None)).ToList();

        entering.Take(2).ShouldAllBe(t => t.IsCompletedSuccessfully);
        entering[2].IsCompleted.ShouldBeFalse();
        waited.ShouldBe([2]);
        (slots.Busy, slots.Waiting).ShouldBe((2, 1));

        (await entering[0]).Dispose();
        using var third = await entering[2].WaitAsync(Deadline);
        (slots.Busy, slots.Waiting).ShouldBe((2, 0));
        (await entering[1]).Dispose();
        third.Dispose();
        slots.Busy.ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_that_finds_every_slot_busy_reports_waiting_then_processing_and_is_stored()
    {
        await using var host = await HostWithAsync(new() { ["BlazorChat:Images:MaxConcurrent"] = "1" });
        var team = await host.CreateTeamRoomAsync("In line");
        var slots = host.Services.GetRequiredService<ImageSlots>();
        var busy = await slots.EnterAsync(null, CancellationToken.None);
        var progress = new StageRecorder();

        var upload = host.Files().UploadAsync(team.Member.Id, team.Id, "queued.png", new MemoryStream(TestFiles.Image(".png", 200, 100)), progress);

        await progress.Reached(UploadStage.Waiting).WaitAsync(Deadline);
        upload.IsCompleted.ShouldBeFalse();
        var health = await new ImageProcessingHealthCheck(slots).CheckHealthAsync(new HealthCheckContext());
        health.Status.ShouldBe(HealthStatus.Healthy);
        (health.Data["busy"], health.Data["waiting"]).ShouldBe((1, 1));

        busy.Dispose();
        var stored = await upload.WaitAsync(Deadline);

        stored.HasPreview.ShouldBeTrue();
        progress.Stages.SkipWhile(s => s == UploadStage.Receiving).ShouldBe([UploadStage.Waiting, UploadStage.Processing]);
        slots.Busy.ShouldBe(0);
    }

    [Fact]
    public async Task An_image_that_takes_longer_than_the_time_limit_is_refused_and_frees_its_slot()
    {
        await using var host = await HostWithAsync(new() { ["BlazorChat:Images:Timeout"] = "00:00:00.001" });
        var team = await host.CreateTeamRoomAsync("Slow");

        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            host.UploadAsync(team.Member, team.Id, "slow.jpg", TestFiles.Image(".jpg", 1500, 1500)));

        refused.Message.ShouldBe("“slow.jpg” took too long to process. Try a smaller picture.");
        host.Services.GetRequiredService<ImageSlots>().Busy.ShouldBe(0);
        (await host.AttachmentCountAsync(team.Member.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task An_image_needing_a_bigger_buffer_than_the_allocator_allows_is_refused_and_smaller_ones_still_go_through()
    {
        await using var host = await HostWithAsync(new() { ["BlazorChat:Images:AllocationLimitMegabytes"] = "1" });
        var team = await host.CreateTeamRoomAsync("Memory");

        // 1000 × 1000 pixels of 4 bytes: 4 MB in one frame buffer.
        var refused = await Should.ThrowAsync<ChatValidationException>(() =>
            host.UploadAsync(team.Member, team.Id, "big.jpg", TestFiles.Image(".jpg", 1000, 1000)));
        var small = await host.UploadAsync(team.Member, team.Id, "small.jpg", TestFiles.Image(".jpg", 100, 100));

        refused.Message.ShouldBe("“big.jpg” could not be read as an image.");
        small.HasPreview.ShouldBeTrue();
    }

    /// <summary>The stages an upload went through, in order, each once.</summary>
    private sealed class StageRecorder : IProgress<UploadProgress>
    {
        private readonly List<UploadStage> _stages = [];
        private readonly Dictionary<UploadStage, TaskCompletionSource> _reached =
            Enum.GetValues<UploadStage>().ToDictionary(s => s, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public IReadOnlyList<UploadStage> Stages { get { lock (_stages) return [.. _stages]; } }

        public Task Reached(UploadStage stage) => _reached[stage].Task;

        public void Report(UploadProgress value)
        {
            lock (_stages)
            {
                if (_stages.Count == 0 || _stages[^1] != value.Stage) _stages.Add(value.Stage);
            }
            _reached[value.Stage].TrySetResult();
        }
    }
}
