using BlazorChat.Core.ReadState;

namespace BlazorChat.Tests.ReadState;

public sealed class ReceiptWording
{
    [Fact]
    public void A_direct_message_just_says_seen() =>
        ReadReceiptText.Describe(["Alice"], isDirectMessage: true).ShouldBe("Seen");

    [Fact]
    public void Nobody_yet_says_nothing() =>
        ReadReceiptText.Describe([], isDirectMessage: false).ShouldBeNull();

    [Theory]
    [InlineData(new[] { "Alice" }, "Seen by Alice")]
    [InlineData(new[] { "Alice", "Bob" }, "Seen by Alice and Bob")]
    [InlineData(new[] { "Alice", "Bob", "Carol" }, "Seen by Alice, Bob and Carol")]
    [InlineData(new[] { "Alice", "Bob", "Carol", "Dan", "Eve" }, "Seen by Alice, Bob and 3 others")]
    public void Groups_name_the_first_readers_and_count_the_rest(string[] readers, string expected) =>
        ReadReceiptText.Describe(readers, isDirectMessage: false).ShouldBe(expected);
}
