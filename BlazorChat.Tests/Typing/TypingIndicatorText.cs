using BlazorChat.Core.Typing;

namespace BlazorChat.Tests.Typing;

/// <summary>What the typing indicator says, and when it forgets someone.</summary>
public sealed class TypingIndicatorText
{
    private static readonly Guid Viewer = Guid.NewGuid();
    private static readonly Guid Room = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static UserTyping Typing(Guid user, string name, bool isTyping = true) => new(Room, user, name, isTyping);

    [Fact]
    public void Names_are_joined_as_people_expect()
    {
        var state = new TypingIndicatorState(Viewer);
        state.Describe().ShouldBeNull();

        state.Apply(Typing(Guid.NewGuid(), "Alice"), Now);
        state.Describe().ShouldBe("Alice is typing…");

        state.Apply(Typing(Guid.NewGuid(), "Bob"), Now.AddSeconds(1));
        state.Describe().ShouldBe("Alice and Bob are typing…");

        state.Apply(Typing(Guid.NewGuid(), "Carol"), Now.AddSeconds(2));
        state.Describe().ShouldBe("Several people are typing…");
    }

    [Fact]
    public void The_viewer_never_sees_their_own_typing()
    {
        var state = new TypingIndicatorState(Viewer);

        state.Apply(Typing(Viewer, "Me"), Now).ShouldBeFalse();

        state.Describe().ShouldBeNull();
    }

    [Fact]
    public void A_name_expires_six_seconds_after_the_last_news()
    {
        var state = new TypingIndicatorState(Viewer);
        var alice = Guid.NewGuid();
        state.Apply(Typing(alice, "Alice"), Now);
        state.Apply(Typing(alice, "Alice"), Now.AddSeconds(3));

        state.Expire(Now.AddSeconds(8.9)).ShouldBeFalse();
        state.Describe().ShouldBe("Alice is typing…");
        state.NextExpiry.ShouldBe(Now.AddSeconds(9));

        state.Expire(Now.AddSeconds(9)).ShouldBeTrue();
        state.Describe().ShouldBeNull();
        state.NextExpiry.ShouldBeNull();
    }

    [Fact]
    public void Stopping_or_sending_removes_the_name_at_once()
    {
        var state = new TypingIndicatorState(Viewer);
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        state.Apply(Typing(alice, "Alice"), Now);
        state.Apply(Typing(bob, "Bob"), Now);

        state.Apply(Typing(alice, "Alice", isTyping: false), Now).ShouldBeTrue();
        state.Describe().ShouldBe("Bob is typing…");

        state.Forget(bob).ShouldBeTrue();
        state.Describe().ShouldBeNull();
    }
}
