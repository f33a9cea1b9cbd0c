// Progressive enhancement: "Copy" buttons next to read-only citation boxes.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const box = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(box.value);
  } catch (error) {
    box.select();
    document.execCommand("copy");
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy"; }, 2000);
});
