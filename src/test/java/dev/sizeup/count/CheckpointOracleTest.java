package dev.sizeup.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sizeup.analysis.Inspection;
import dev.sizeup.analysis.Inspector;
import dev.sizeup.spec.Architecture;
import dev.sizeup.spec.Positions;
import dev.sizeup.spec.SafetensorsFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * inspect against the counter, end to end: a checkpoint written from the oracle's tensor list (named
 * as Hugging Face names them) inspects, part by part, as exactly what the counter says of its
 * architecture, in any mix of dtypes.
 */
class CheckpointOracleTest {

  @Provide
  Arbitrary<Architecture> architectures() {
    // relative positions have no common checkpoint naming; the others all do
    return new ParameterCountOracleTest().architectures().filter(a -> a.embeddings().positions() != Positions.RELATIVE);
  }

  @Property(tries = 150)
  void a_checkpoint_of_the_oracles_tensors_matches_its_architecture(@ForAll("architectures") Architecture a)
      throws Exception {
    Path dir = Files.createTempDirectory("ckpt");
    try {
      List<SafetensorsFiles.Spec> specs = TensorShapes.of(a).stream()
          .map(t -> new SafetensorsFiles.Spec(t.name(), t.shape().length == 1 ? "F32" : "BF16", t.shape()))
          .toList();
      SafetensorsFiles.write(dir.resolve("model.safetensors"), specs, false);
      Path spec = dir.resolve("spec.json");
      Files.writeString(spec, dev.sizeup.report.SpecRenderer.json(
          new dev.sizeup.spec.Spec("m", "", "m.json", a, null, null, List.of(), null)));
      Inspection i = Inspector.inspect(dir.resolve("model.safetensors"), spec.toString(), InputStream.nullInputStream());
      assertThat(i.rows()).allSatisfy(r -> assertThat(r.difference()).as(r.part()).isZero());
      assertThat(i.count().total()).isEqualTo(ParameterCounter.count(a).total());
      assertThat(i.count().unmatched()).isEmpty();
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
