package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HmacCursorCodecTest {
    private static final byte[] MASTER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final CursorScope SCOPE = new CursorScope("user-visitors", new WorkspaceId("ws_a"), "user:u_1", "");
    private static final String POSITION = "2026-03-01T12:00:00.123456Z|v_1";

    private final HmacCursorCodec codec = HmacCursorCodec.fromMasterKey(MASTER);

    @Test
    void aCursorOpensForItsOwnScopeOnAnyNodeWithTheSameMasterKey() {
        String cursor = codec.seal(SCOPE, POSITION);

        assertThat(codec.open(SCOPE, cursor)).contains(POSITION);
        assertThat(HmacCursorCodec.fromMasterKey(MASTER.clone()).open(SCOPE, cursor)).contains(POSITION);
        assertThat(new AesGcmSecretCipher(MASTER).cursorCodec().open(SCOPE, cursor)).contains(POSITION);
    }

    @Test
    void anotherMasterKeyDoesNotOpenIt() {
        byte[] other = MASTER.clone();
        other[0] ^= 1;
        assertThat(HmacCursorCodec.fromMasterKey(other).open(SCOPE, codec.seal(SCOPE, POSITION))).isEmpty();
    }

    static Stream<CursorScope> otherScopes() {
        return Stream.of(
                new CursorScope("user-conversations", SCOPE.workspace(), SCOPE.owner(), SCOPE.filter()),
                new CursorScope(SCOPE.list(), new WorkspaceId("ws_b"), SCOPE.owner(), SCOPE.filter()),
                new CursorScope(SCOPE.list(), SCOPE.workspace(), "user:u_2", SCOPE.filter()),
                new CursorScope(SCOPE.list(), SCOPE.workspace(), SCOPE.owner(), "ann"),
                // the same characters split differently between fields must not collide
                new CursorScope("user-visitorsws_a", new WorkspaceId("x"), SCOPE.owner(), SCOPE.filter()));
    }

    @ParameterizedTest
    @MethodSource("otherScopes")
    void aCursorDoesNotOpenForAnotherListWorkspaceOwnerOrFilter(CursorScope other) {
        assertThat(codec.open(other, codec.seal(SCOPE, POSITION))).isEmpty();
    }

    @Test
    void anEditedPositionDoesNotOpen() {
        String cursor = codec.seal(SCOPE, POSITION);
        String mac = cursor.substring(cursor.indexOf('.'));
        String edited = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("2026-03-01T12:00:00.123456Z|v_2".getBytes(StandardCharsets.UTF_8)) + mac;

        assertThat(codec.open(SCOPE, edited)).isEmpty();
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String cursor = codec.seal(SCOPE, POSITION);
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            String flipped = cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
            assertThat(codec.open(SCOPE, flipped)).as("changed at %d: %s", i, flipped).isEmpty();
        }
        assertThat(codec.open(SCOPE, cursor.substring(0, cursor.length() - 1))).isEmpty();
        assertThat(codec.open(SCOPE, cursor + "A")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageDoesNotOpen(String garbage) {
        assertThat(codec.open(SCOPE, garbage)).isEmpty();
    }

    static Stream<String> garbage() {
        return Stream.of("", ".", "abc", "a.b.c", "!!!.???", "%00.%00", "x".repeat(100_000), "\uD83D\uDE00.\uD83D\uDE00",
                Base64.getUrlEncoder().encodeToString(POSITION.getBytes(StandardCharsets.UTF_8)) + ".");
    }

    @Test
    void positionsAreBounded() {
        assertThatThrownBy(() -> codec.seal(SCOPE, "x".repeat(CursorCodecPort.MAX_POSITION_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        String longest = "x".repeat(CursorCodecPort.MAX_POSITION_LENGTH);
        assertThat(codec.open(SCOPE, codec.seal(SCOPE, longest))).contains(longest);
    }

    @Test
    void theMacIsComparedInConstantTime() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/visitorauth/adapter/persistence/HmacCursorCodec.java"));
        assertThat(source).contains("MessageDigest.isEqual(mac(scope, positionBytes), given)")
                .doesNotContain("Arrays.equals(mac(");
    }
}
