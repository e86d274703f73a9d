using BlazorChat.Core.Messages;
using BlazorChat.Tests.Infrastructure;

namespace BlazorChat.Tests.Messages;

/// <summary>
/// The XSS corpus sent through the real write paths (send, edit, quote, thread reply, with a real
/// member to mention): every stored HTML body and every view a reader receives is inert.
/// </summary>
public sealed class StoredMessageSafety(SqliteChatHost fixture) : IClassFixture<SqliteChatHost>
{
    private ChatTestHost Host => fixture.Host;

    [Fact]
    public void The_corpus_has_at_least_fifty_payloads() => XssCorpus.Payloads.Length.ShouldBeGreaterThanOrEqualTo(50);

    [Fact]
    public async Task Every_payload_is_stored_and_read_back_inert()
    {
        var team = await Host.CreateTeamRoomAsync("XSS corpus");
        var sent = new List<(string Payload, MessageView View)>();
        foreach (var payload in XssCorpus.With(team.Member.UserName!))
            sent.Add((payload, await Host.SayAsync(team.Moderator, team.Id, payload)));

        foreach (var (payload, view) in sent)
        {
            XssCorpus.ShouldBeInert(Html.Fragment(view.BodyHtml), payload);
            XssCorpus.ShouldBeInert(Html.Fragment((await Host.StoredAsync(view.Id)).BodyHtml), payload);
        }
        var readBack = await Host.Messages.GetAfterAsync(team.Outsider.Id, team.Id, 0, limit: 500);
        readBack.Count.ShouldBe(sent.Count);
        foreach (var view in readBack) XssCorpus.ShouldBeInert(Html.Fragment(view.BodyHtml), view.Body);
    }

    [Fact]
    public async Task Mentions_are_highlighted_as_plain_spans_even_among_attacks()
    {
        var team = await Host.CreateTeamRoomAsync("XSS mentions");

        var view = await Host.SayAsync(team.Owner, team.Id, $"@{team.Member.UserName}<script>alert(1)</script>");

        var body = Html.Fragment(view.BodyHtml);
        var mention = body.QuerySelector("span.mention").ShouldNotBeNull();
        mention.Attributes.Select(a => a.Name).ShouldBe(["class"]);
        mention.TextContent.ShouldBe($"@{team.Member.UserName}");
        body.NormalizedText().ShouldBe($"@{team.Member.UserName}<script>alert(1)</script>");
    }

    [Fact]
    public async Task Every_payload_stays_inert_when_edited_into_a_thread_reply()
    {
        var team = await Host.CreateTeamRoomAsync("XSS edits");
        var root = await Host.SayAsync(team.Member, team.Id, "harmless root");

        foreach (var payload in XssCorpus.With(team.Member.UserName!))
        {
            // The moderator writes them: @here in the corpus is theirs to use.
            var reply = await Host.SayAsync(team.Moderator, team.Id, "harmless", new SendOptions(ThreadRootId: root.Id, QuotedMessageId: root.Id));
            var edited = await Host.Editing().EditAsync(team.Moderator.Id, reply.Id, payload);
            XssCorpus.ShouldBeInert(Html.Fragment(edited.BodyHtml), payload);
        }
        foreach (var reply in (await Host.Messages.GetThreadAsync(team.Owner.Id, root.Id)).Replies)
            XssCorpus.ShouldBeInert(Html.Fragment(reply.BodyHtml), reply.Body);
    }
}
